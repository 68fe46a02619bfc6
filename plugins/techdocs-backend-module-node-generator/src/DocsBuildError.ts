/**
 * A problem with the documentation being built, named with the file it is in
 * (none for a problem of the whole build, such as a build limit). Its message
 * is written to the build log, which the TechDocs reader shows.
 */
export class DocsBuildError extends Error {
  /**
   * The config key of the limit the build hit
   * (`techdocs.nodeGenerator.limits.maxPageBytes`...), when it hit one.
   */
  readonly limit?: string;

  constructor(
    readonly file: string | undefined,
    readonly problem: string,
    options?: { limit?: string },
  ) {
    super(file ? `${file}: ${problem}` : problem);
    this.name = 'DocsBuildError';
    this.limit = options?.limit;
  }
}

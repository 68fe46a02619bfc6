/**
 * A problem with the documentation being built, named with the file it is in.
 * Its message is written to the build log, which the TechDocs reader shows.
 */
export class DocsBuildError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'DocsBuildError';
  }
}

export {
  authModuleGreenroomGithubProvider,
  authModuleGreenroomGitlabProvider,
  authModuleGreenroomMicrosoftProvider,
  authModuleGreenroomOidcProvider,
} from './modules';
export {
  createCatalogUserResolver,
  DEMO_ANNOTATION,
} from './catalogUserResolver';

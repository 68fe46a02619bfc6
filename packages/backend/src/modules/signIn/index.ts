export {
  authModuleGreenroomGithubProvider,
  authModuleGreenroomGitlabProvider,
  authModuleGreenroomMicrosoftProvider,
  authModuleGreenroomOidcProvider,
  authModuleGreenroomOwnership,
} from './modules';
export {
  createCatalogUserResolver,
  DEMO_ANNOTATION,
} from './catalogUserResolver';

export { GreenroomSignInPage } from './SignInPage';

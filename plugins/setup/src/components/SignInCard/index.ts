export { SignInCard } from './SignInCard';

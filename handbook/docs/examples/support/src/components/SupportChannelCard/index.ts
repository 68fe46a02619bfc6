export { SupportChannelCard } from './SupportChannelCard';

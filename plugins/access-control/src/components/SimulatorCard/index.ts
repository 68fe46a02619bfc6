export { SimulatorCard } from './SimulatorCard';

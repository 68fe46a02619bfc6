/**
 * TechDocs for agents: search across the docs and read one page as Markdown
 * or plain text, through the actions registry (the MCP server).
 *
 * @packageDocumentation
 */
export { techdocsModuleAgentActions as default } from './module';

/** The example workflows in `examples/`, with their Settings filled for a given tenant. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { nodeType, repoRoot } from './n8n';

export const triggerType = `${nodeType}Trigger`;
export const pollingTriggerType = `${nodeType}PollingTrigger`;
/** The node as an AI tool: n8n derives this type from the node (`usableAsTool`). */
export const toolType = `${nodeType}Tool`;
const mcpTriggerType = '@n8n/n8n-nodes-langchain.mcpTrigger';
const qlikTypes = [nodeType, triggerType, pollingTriggerType, toolType];

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, any>;
		webhookId?: string;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	connections: unknown;
	[key: string]: unknown;
}

export function loadWorkflow(file: string): WorkflowFile {
	return JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as WorkflowFile;
}

/** Sets the values of a workflow's Settings assignments by name (e.g. memberUserId, appId). */
export function fillSettings(workflow: WorkflowFile, values: Record<string, string>): WorkflowFile {
	const nodes = workflow.nodes.map((node) => {
		const assignments = node.parameters?.assignments?.assignments as
			Array<{ name: string; value: unknown }> | undefined;
		if (node.name !== 'Settings' || !assignments) return node;
		return {
			...node,
			parameters: {
				...node.parameters,
				assignments: {
					assignments: assignments.map((a) =>
						values[a.name] === undefined ? a : { ...a, value: values[a.name] },
					),
				},
			},
		};
	});
	return { ...workflow, nodes };
}

/** Points every Qlik Cloud node (and trigger) of a workflow at one credential. */
export function withCredential(
	workflow: WorkflowFile,
	credential: { id: string; name: string; type: string },
): WorkflowFile {
	const nodes = workflow.nodes.map((node) =>
		qlikTypes.includes(node.type)
			? {
					...node,
					parameters: { ...node.parameters, authentication: credential.type },
					credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				}
			: node,
	);
	return { ...workflow, nodes };
}

/** Every example, with its Settings filled. */
export function examples(values: Record<string, string>): WorkflowFile[] {
	return readdirSync(path.join(repoRoot, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => fillSettings(loadWorkflow(`examples/${file}`), values));
}

/** Whether a workflow is an MCP server: it answers MCP clients when published, never runs alone. */
export const isMcpServer = (workflow: WorkflowFile) =>
	workflow.nodes.some((node) => node.type === mcpTriggerType);

/** Whether a workflow starts from the Qlik Cloud Trigger (it runs when active, not on demand). */
export const isTriggered = (workflow: WorkflowFile) =>
	workflow.nodes.some((node) => node.type === triggerType);

/** Whether a workflow starts from the Qlik Cloud Polling Trigger (it runs when active). */
export const isPolled = (workflow: WorkflowFile) =>
	workflow.nodes.some((node) => node.type === pollingTriggerType);

/**
 * What the *Qlik Cloud Tool* tells a model about each operation. n8n adds its own Tool
 * Description fields (automatic: "{action} in Qlik Cloud") only to a node that has no property
 * named `toolDescription`, and uses that parameter when it is set. So the node has one such
 * property per operation, shown only on the tool (`@tool`), whose default is written for a model:
 * what the operation does, what it answers and in what shape, that lists are bounded, and which
 * inputs it needs. n8n fills a parameter the user left alone with the default of the property
 * shown, so a tool takes its operation's text, and the user can still write another.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { namedKindOf } from './descriptions';
import { DEFAULT_TOOL_ITEM_LIMIT, FILE_USE, fileUse } from './tool';
import type { OperationSpec } from './types';

export const TOOL_DESCRIPTION = 'toolDescription';

/** What every list answer says about its bound (`boundToolOutput`). */
const LIST_SHAPE = `One object per result, at most Most Results for the Agent (${DEFAULT_TOOL_ITEM_LIMIT} unless changed); a last item "moreResults": true means there are more: narrow the request.`;

/** Display options a field may have and still be always shown for its operation. */
const PLAIN_SHOW = new Set(['resource', 'operation']);

/** The labels of the inputs an operation always needs (its required fields), as a model reads them. */
export function neededInputs(properties: INodeProperties[]): string[] {
	const needed: string[] = [];
	for (const p of properties) {
		if (!p.required || p.type === 'notice' || p.type === 'hidden' || p.type === 'boolean') continue;
		const show = p.displayOptions?.show ?? {};
		if (Object.keys(show).some((key) => !PLAIN_SHOW.has(key))) continue;
		if (p.displayOptions?.hide) continue;
		const byName = namedKindOf(p) !== undefined;
		const base = p.displayName.replace(/ ID$/, '');
		const label =
			p.type === 'resourceLocator'
				? `${base} ${byName ? 'ID or exact name' : 'ID'}`
				: p.displayName;
		if (!needed.includes(label)) needed.push(label);
	}
	return needed;
}

/** The first sentence: what the operation does (a list's without the editor's paging words). */
function whatItDoes(option: INodePropertyOptions, spec: OperationSpec): string {
	const description = String(option.description ?? option.action ?? option.name).trim();
	const sentence = /[.!?]$/.test(description) ? description : `${description}.`;
	const action = String(option.action ?? '');
	const list = spec.response.kind === 'list' || spec.response.kind === 'array';
	if (!list || !action.startsWith('Get ')) return sentence;
	const deprecated = /^Deprecated by Qlik[^.]*\./.exec(sentence)?.[0];
	const lists = `Lists ${action.slice(4).replace(/^many /, '')}.`;
	return deprecated ? `${deprecated} ${lists}` : lists;
}

/**
 * An operation's tool description, from its entry in the Operation list, its row and its
 * required fields; `own` (written by hand) says what it does and answers instead of the rule.
 * Operations that use n8n files say that a tool cannot run them.
 */
export function describeForTool(
	option: INodePropertyOptions,
	spec: OperationSpec,
	needs: string[],
	own?: string,
): string {
	const use = fileUse(spec);
	if (use) {
		return `${whatItDoes(option, spec)} Not for a tool: it ${FILE_USE[use]}, so a tool call is refused before any request. Use it in a workflow.`;
	}
	const parts = [own ?? whatItDoes(option, spec)];
	const kind = spec.response.kind;
	if (kind === 'list' || kind === 'array') parts.push(LIST_SHAPE);
	else if (kind === 'object' && !own) parts.push('Answers with one object.');
	else if (kind === 'text') parts.push('Answers with {"text": …}.');
	if (needs.length) parts.push(`Needs: ${needs.join(', ')}.`);
	return parts.join(' ');
}

/** The Tool Description of one operation, shown only on the tool. */
export function toolDescriptionProperty(
	resource: string,
	operation: string,
	text: string,
): INodeProperties {
	return {
		displayName: 'Description',
		name: TOOL_DESCRIPTION,
		type: 'string',
		default: text,
		typeOptions: { rows: 2 },
		description: 'What the model reads about this tool',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	};
}

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationSpec } from './types';

/** What each `<operation>.operation.ts` exports: its fields and its row of the operation table. */
export interface OperationModule {
	description: INodeProperties[];
	operation: OperationSpec;
}

/**
 * A resource: its Operation parameter (the options, with their actions, as written in the
 * resource's index), every operation's fields, and its rows of the operation table.
 */
export function defineResource(
	resource: string,
	options: INodePropertyOptions[],
	modules: Record<string, OperationModule>,
): { description: INodeProperties[]; operations: Record<string, OperationSpec> } {
	const values = options.map((o) => String(o.value));
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: 'getAll',
	};
	if (!values.includes('getAll')) operationProperty.default = values[0];
	const operations: Record<string, OperationSpec> = {};
	for (const [value, module] of Object.entries(modules)) operations[value] = module.operation;
	return {
		description: [operationProperty, ...Object.values(modules).flatMap((m) => m.description)],
		operations,
	};
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createTransportSettings } from '../transport';
import { errorItem } from '../shared/batch';
import { assertToolCanRun, boundToolOutput, toolItemLimit } from '../shared/tool';
import { asNodeError } from '../transport/errors';
import { executeOperation } from './executor';
import { namedLocatorsOf, operationFor } from './index';
import { NameFinder, withNamesFound } from './names';

/** Runs the chosen operation for every input item: one pacer and retry budget for the run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const spec = operationFor(resource, operation);
	if (!spec) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	if (spec.retired) {
		const { operation: name, sunset, replacement } = spec.retired;
		throw new NodeOperationError(
			this.getNode(),
			`${name} was retired by Qlik (sunset ${sunset}) and can no longer run`,
			{
				description: replacement
					? `Use ${replacement} instead, and remove or replace this node.`
					: 'Qlik names no replacement; remove or replace this node.',
			},
		);
	}
	assertToolCanRun(this, spec);
	const settings = createTransportSettings(
		this,
		this.getNodeParameter('options', 0, {}) as IDataObject,
	);
	// Spaces, apps and users given by name are found once per execution, then read as their IDs.
	const locators = namedLocatorsOf(resource, operation);
	const finder = locators.length ? new NameFinder(this, settings) : undefined;
	const withIds = async (indexes: number[]) =>
		finder ? await withNamesFound(this, finder, locators, indexes) : this;
	if (spec.executeAll) {
		// Batch operations take all items at once and give each its own result.
		try {
			const ctx = await withIds(items.map((_, i) => i));
			return [bounded(this, await spec.executeAll.call(ctx, spec, settings))];
		} catch (error) {
			throw asNodeError(this.getNode(), error);
		}
	}
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const run = spec.execute ?? executeOperation;
			returnData.push(...(await run.call(await withIds([i]), spec, i, settings)));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error as NodeApiError, i));
				continue;
			}
			throw asNodeError(this.getNode(), error, i);
		}
	}
	return [bounded(this, returnData)];
}

/** A tool run's output bounded for the model's context; any other run's output as it is. */
function bounded(ctx: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const limit = toolItemLimit(ctx);
	return limit === undefined ? items : boundToolOutput(items, limit);
}

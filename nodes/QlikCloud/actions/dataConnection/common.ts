import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../shared/descriptions';
import { redactItems, redactSecrets } from '../../shared/redact';
import type { OperationExtension } from '../../shared/resource';
import type { TransportSettings } from '../../transport';
import type { ApiOperation, CallValues } from '../api';
import { executeOperation } from '../executor';

export const CONNECTION_EXAMPLE = 'b2c1ab1f-392c-4cd1-87bd-4c3cd256f5fd';

export const connectionLocator = (name: string, displayName: string): INodeProperties =>
	resourceLocator({
		name,
		displayName,
		searchListMethod: 'searchDataConnection',
		placeholder: `e.g. ${CONNECTION_EXAMPLE}`,
	});

/** The space a connection lives in; empty means the personal space. */
export const optionalSpaceLocator = (description: string): INodeProperties => ({
	...resourceLocator({
		name: 'spaceId',
		displayName: 'Space',
		searchListMethod: 'searchSpace',
		placeholder: 'e.g. 611bcebaeec1203d88211ac4',
		required: false,
	}),
	description,
});

/** A generated operation whose output has its secrets redacted. */
export const redacted: OperationExtension = {
	properties: [],
	async execute(spec, i, settings) {
		return redactItems(await executeOperation.call(this, spec, i, settings));
	},
};

/** One request whose answer is an object, returned with secrets redacted. */
export async function requestRedacted(
	ctx: IExecuteFunctions,
	settings: TransportSettings,
	i: number,
	operation: ApiOperation,
	values: CallValues,
	subject: string,
) {
	const { body } = await operation.call(ctx, values, settings, { itemIndex: i, subject });
	const json = body && typeof body === 'object' ? (body as IDataObject) : { success: true };
	return [{ json: redactSecrets(json), pairedItem: { item: i } }];
}

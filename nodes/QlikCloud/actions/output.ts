/**
 * Output options of the generated operations: where a download goes (*Put Output File in
 * Field*), and Simplify for Qlik's large objects. The fields are added by rule from the row's
 * response, and read by the response shapers (`response.ts`).
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationSpec } from '../shared/types';
import { simplifyField } from './simplify';

/** n8n's usual name for the binary field a node writes a file to. */
export const OUTPUT_FILE_FIELD = 'binaryPropertyName';

const outputFileField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: OUTPUT_FILE_FIELD,
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
	description:
		'The downloaded file is put in this binary field of the output item; the input item’s JSON and other binary fields are kept',
};

/** The output fields an operation gets by its response. */
export function outputProperties(op: OperationSpec): INodeProperties[] {
	const response = op.response;
	if (response.kind === 'binary') return [outputFileField];
	if ((response.kind === 'object' || response.kind === 'list') && response.simplify)
		return [simplifyField];
	return [];
}

/** The binary field item `i`'s download goes to, checked before any request. */
export function outputFileFieldOf(ctx: IExecuteFunctions, i: number): string {
	const value = ctx.getNodeParameter(OUTPUT_FILE_FIELD, i, 'data');
	const name = typeof value === 'string' ? value.trim() : '';
	if (!name) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The "Put Output File in Field" parameter is empty',
			{ itemIndex: i, description: 'Name the binary field for the downloaded file, e.g. data.' },
		);
	}
	return name;
}

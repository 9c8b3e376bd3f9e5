import { Type } from '@sinclair/typebox';
import { MinorUnits, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';

const Selection = Type.Union([Type.Literal('single'), Type.Literal('multiple')]);

const OptionInput = StrictObject({
  id: Type.Optional(Uuid),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  priceMinor: Type.Optional(MinorUnits),
  available: Type.Optional(Type.Boolean()),
  displayOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  selection: Selection,
  required: Type.Boolean(),
  minSelections: Type.Integer({ minimum: 0, maximum: 100 }),
  maxSelections: Type.Integer({ minimum: 1, maximum: 100 }),
  options: Type.Array(OptionInput, {
    maxItems: 100,
    description: 'the full option list; on update, options sent with their id are kept, others are replaced',
  }),
};

export const CreateModifierGroupBody = StrictObject({
  name: fields.name,
  selection: fields.selection,
  required: Type.Optional(fields.required),
  minSelections: Type.Optional(fields.minSelections),
  maxSelections: Type.Optional(fields.maxSelections),
  options: fields.options,
});

export const UpdateModifierGroupBody = PatchOf(CreateModifierGroupBody);

export const ModifierOptionView = Type.Object({
  id: Uuid,
  name: Type.String(),
  priceMinor: Type.Integer(),
  available: Type.Boolean(),
  displayOrder: Type.Integer(),
});

export const ModifierGroupView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  name: Type.String(),
  selection: Selection,
  required: Type.Boolean(),
  minSelections: Type.Integer(),
  maxSelections: Type.Integer(),
  options: Type.Array(ModifierOptionView),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ModifierGroupItemParams = Type.Object({ businessId: Uuid, groupId: Uuid });

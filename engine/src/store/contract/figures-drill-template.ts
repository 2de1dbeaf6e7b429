/** The figures test and benchmark template (`store-figures`); free of test-runner imports so scripts can load it. */

/** A hardship fund: cases with an age, a category and a declared amount; grants drawn from a fund. */
export const FIGURES_SOURCE = `dsl: relief/v1
id: store-figures
version: 1
title: { zh: 数字演练, en: Figures drill }
roles: { clerk: { zh: 办事员, en: Clerk } }
parameters:
  type: object
  properties:
    minAge: { type: integer, default: 60 }
    fund: { type: number, default: 1000 }
data:
  type: object
  properties:
    age: { type: integer, default: 0 }
    category: { type: string }
    amount: { type: number, default: 0 }
ledgers: { fund: { title: { zh: 基金, en: Fund }, unit: { zh: 元, en: yuan }, opening: params.fund } }
events:
  grant:
    roles: [clerk]
    form: { type: object, required: [amount], properties: { amount: { type: number, minimum: 0 } } }
  refund:
    roles: [clerk]
    form: { type: object, required: [amount], properties: { amount: { type: number, minimum: 0 } } }
initial: open
states:
  open:
    on:
      grant: { actions: [{ ledger: { fund: 0.0 - event.amount } }] }
      refund: { actions: [{ ledger: { fund: event.amount } }] }
figures:
  people:
    title: { zh: 人数, en: People }
    unit: { zh: 人, en: people }
    count: cases
    by: district
  older:
    title: { zh: 高龄, en: Older people }
    unit: { zh: 人, en: people }
    count: cases
    where: "data.age >= params.minAge && data.category in ['alone', 'ill']"
    by: { field: category }
  older-streamed:
    title: { zh: 高龄（逐条）, en: Older people (streamed) }
    unit: { zh: 人, en: people }
    count: cases
    where: "data.age + 0 >= params.minAge && data.category in ['alone', 'ill']"
  grants:
    title: { zh: 发放次数, en: Grants }
    unit: { zh: 次, en: grants }
    count: { event: grant }
    by: day
  granted:
    title: { zh: 发放金额, en: Granted }
    unit: { zh: 元, en: yuan }
    sum: { event: grant, field: amount }
    by: { district: 2 }
  declared:
    title: { zh: 申报金额, en: Declared }
    unit: { zh: 元, en: yuan }
    sum: { data: amount }
  fund-out:
    title: { zh: 支出, en: Paid out }
    unit: { zh: 元, en: yuan }
    ledger: { name: fund, movement: out }
  fund-in:
    title: { zh: 退回, en: Paid back }
    unit: { zh: 元, en: yuan }
    ledger: { name: fund, movement: in }
  fund-net:
    title: { zh: 净变动, en: Net change }
    unit: { zh: 元, en: yuan }
    ledger: { name: fund, movement: net }
`;

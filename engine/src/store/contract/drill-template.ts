/** The store's test and benchmark template (`store-drill`); free of test-runner imports so scripts can load it. */

/** A small template with a ledger, forms, guards, timers, notify, emit, assign and nested states. */
export const DRILL_SOURCE = `dsl: relief/v1
id: store-drill
version: 1
title: { zh: 演练, en: Store drill }
roles:
  clerk: { zh: 办事员, en: Clerk }
  courier: { zh: 送件员, en: Courier }
parameters:
  type: object
  properties:
    stock: { type: integer, minimum: 0, default: 3 }
    perDraw: { type: number, minimum: 0, default: 1 }
data:
  type: object
  required: [name]
  properties:
    name: { type: string, minLength: 1 }
    count: { type: integer, default: 0 }
    drawn: { type: number, default: 0 }
events:
  tick: { roles: [clerk] }
  draw: { roles: [clerk] }
  approve:
    roles: [clerk]
    form: { type: object, required: [by], properties: { by: { type: string, minLength: 1 } } }
  assign:
    roles: [clerk]
    form: { type: object, required: [worker], properties: { worker: { type: string } } }
  deliver: { roles: [courier] }
  close: { roles: [clerk] }
ledgers:
  stock: { title: { zh: 库存, en: Stock }, opening: params.stock }
initial: open
states:
  open:
    roles: [clerk]
    on:
      tick: { actions: [{ set: { count: data.count + 1 } }] }
      draw:
        actions:
          - ledger: { stock: -params.perDraw }
          - set: { drawn: data.drawn + params.perDraw }
      approve:
        target: approved
        guard: data.count >= 1
        actions: [{ emit: drill.approved }]
      close: closed
    after:
      - delay: P1D
        target: open
        actions: [{ notify: { role: clerk, message: { zh: 待处理, en: Waiting for a clerk } } }]
  approved:
    initial: waiting
    on:
      assign: { actions: [{ assign: event.worker }] }
      close: closed
    states:
      waiting:
        roles: [courier]
        on:
          deliver:
            target: waiting
            actions: [{ set: { count: data.count + 1 } }, { emit: drill.delivered }]
        after:
          - delay: PT1H
            actions: [{ notify: { role: courier, message: Deliver please } }]
  closed: { type: final }
`;

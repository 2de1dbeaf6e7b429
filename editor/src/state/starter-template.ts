/** What the editor shows before a template is opened: the smallest useful programme. */
export const STARTER_TEMPLATE = `dsl: relief/v1
id: new-programme
version: 1
title: { zh: 新项目, en: New programme }

roles:
  committee: { zh: 居委会, en: Residents' committee }

events:
  approve: { title: { zh: 审核通过, en: Approve }, roles: [committee] }

initial: submitted
states:
  submitted:
    title: { zh: 已提交, en: Submitted }
    roles: [committee]
    on:
      approve: done

  done:
    title: { zh: 已完成, en: Done }
    type: final
`;

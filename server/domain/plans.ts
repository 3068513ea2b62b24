// Payment Plans (PLN_): normally set up by secupay for the merchant; the API lets a merchant create,
// replace (PUT) and patch them. A new plan is `created` and moves as plan-lifecycle.ts allows;
// `merchant` always is the tenant's own.
import type { PaymentPlansDTO } from '../schemas/payment-plans.js';
import type { PlanEntity } from '../store/entities.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { move } from './lifecycle.js';
import { planEventFor, planLifecycle } from './plan-lifecycle.js';

export const PLAN = 'payment.plans';

function planFields(ctx: DomainContext, dto: PaymentPlansDTO) {
  const { merchant, merchant_id, ...fields } = dto;
  const merchantId = merchant?.id ?? merchant_id;
  if (merchantId !== undefined && merchantId !== ctx.tenant.merchant.id) {
    fail('notFound', { object: 'general.merchants', id: merchantId });
  }
  return fields;
}

/** The status a body asks for, checked against the table from the plan's current one. */
function statusAfter(plan: Pick<PlanEntity, 'id' | 'status'>, wanted: PlanEntity['status']): PlanEntity['status'] {
  const from = plan.status ?? 'created';
  if (wanted === undefined || wanted === from) return from;
  return move(planLifecycle, PLAN, { id: plan.id, status: from }, planEventFor(wanted), wanted);
}

export function newPlan(ctx: DomainContext, dto: PaymentPlansDTO, id?: string): PlanEntity {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  const planId = id ?? tenant.ids.id('PLN');
  const { status, ...fields } = planFields(ctx, dto);
  return tenant.plans.put({ ...fields, status: statusAfter({ id: planId, status: 'created' }, status), id: planId, created: now, updated: now });
}

export function createPlan(ctx: DomainContext, dto: PaymentPlansDTO | undefined): PlanEntity {
  if (!dto) return fail('noPayload');
  return ctx.tenant.transact(() => newPlan(ctx, dto));
}

/** PUT replaces every field; PATCH changes only the given ones. */
export function changePlan(ctx: DomainContext, id: string, dto: PaymentPlansDTO | undefined, mode: 'replace' | 'patch'): PlanEntity {
  const current = mustGet(ctx.tenant.plans, id, PLAN);
  if (!dto) return fail('noPayload');
  const { status, ...fields } = planFields(ctx, dto);
  const base: PlanEntity =
    mode === 'patch' ? current : { id: current.id, created: current.created, updated: current.updated, status: current.status };
  const next = statusAfter(current, status);
  return ctx.tenant.transact(() => ctx.tenant.plans.put(touched(ctx, base, { ...fields, status: next })));
}

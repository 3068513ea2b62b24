// Payment Plans (PLN_): normally set up by secupay for the merchant; the API lets a merchant create,
// replace (PUT) and patch them. A new plan is `created`; `merchant` always is the tenant's own.
import type { PaymentPlansDTO } from '../schemas/payment-plans.js';
import type { PlanEntity } from '../store/entities.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { fail } from './errors.js';

export const PLAN = 'payment.plans';

function planFields(ctx: DomainContext, dto: PaymentPlansDTO) {
  const { merchant, merchant_id, ...fields } = dto;
  const merchantId = merchant?.id ?? merchant_id;
  if (merchantId !== undefined && merchantId !== ctx.tenant.merchant.id) {
    fail('notFound', { object: 'general.merchants', id: merchantId });
  }
  return fields;
}

export function newPlan(ctx: DomainContext, dto: PaymentPlansDTO, id?: string): PlanEntity {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  return tenant.plans.put({ status: 'created', ...planFields(ctx, dto), id: id ?? tenant.ids.id('PLN'), created: now, updated: now });
}

export function createPlan(ctx: DomainContext, dto: PaymentPlansDTO | undefined): PlanEntity {
  if (!dto) return fail('noPayload');
  return ctx.tenant.transact(() => newPlan(ctx, dto));
}

/** PUT replaces every field; PATCH changes only the given ones. */
export function changePlan(ctx: DomainContext, id: string, dto: PaymentPlansDTO | undefined, mode: 'replace' | 'patch'): PlanEntity {
  const current = mustGet(ctx.tenant.plans, id, PLAN);
  if (!dto) return fail('noPayload');
  const fields = planFields(ctx, dto);
  const base: PlanEntity =
    mode === 'patch' ? current : { id: current.id, created: current.created, updated: current.updated, status: current.status };
  return ctx.tenant.transact(() => ctx.tenant.plans.put(touched(ctx, base, fields)));
}

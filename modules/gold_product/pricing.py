"""The pricing core: the price of a piece of jewellery.

One pure, deterministic function, :func:`price_piece`, without database
access, used by every document that prices gold. Money and weights are
Decimal; floats are refused.

Formula (see doc/pricing.md for a worked example)::

    net      = gross - stone - other
    fine     = net x factor                      (3 decimals)
    basis    = net | gross | fine                (weight basis)
    metal    = basis x rate
    making   = metal x v% | net x v | gross x v | pieces x v | v
               (at least making_minimum)
    wastage  = (basis x v%) x rate | metal x v% | v grams x rate
    stones   = sum(carats x rate | pieces x rate) + certificate charges
    hallmark = pieces x hallmark charge
    discount = making x v% | v                   (never above making)
    taxable  = metal + making + wastage + stones + hallmark - discount
               (hallmark only when it is part of the piece's value: as a
               service it is taxed on its own, outside GST not at all)
    tax_i    = taxable x rate_i + amount_i       (Tryton's percentage and
                                                  fixed taxes of the day)
    total    = taxable + sum(tax_i) [+ hallmark as a service or outside GST]

Each tax is rounded on its own, or the taxes of a group (CGST and SGST, the
children of one GST tax) are rounded once as one amount and split among them
in proportion to their rates, an odd paisa to the first (see doc/pricing.md).

Old gold bought back or taken in exchange (:func:`value_old_gold`)::

    net      = gross - stones
    fine     = net x (1 - loss%) x tested purity%     (3 decimals)
    value    = fine x buy rate of the base purity     (0.01)

A returned piece (:func:`price_refund`) reverses its sold figures pro rata::

    value    = refund basis - deduction%          (never above the taxable
                                                  value sold)
    tax_i    = sold tax_i x value / sold taxable (0.01)
    round-off= sold round-off x value / sold taxable (0.01)

Rounding is a policy: per component (each money component and each tax is
rounded) or on the total (components and taxes to 0.01, the total rounded
and the difference shown as a rounding adjustment), to 0.01, 1, 5 or 10,
half-up, up (ceiling), down (floor) or truncate (towards zero); each tax on
its own or each group of taxes once.
"""
from dataclasses import dataclass, field
from decimal import (
    ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal)

# the rounding of money and weights, shared with the rate board
from trytond.modules.gold_rate.numbers import (
    CENT, MILLIGRAM, cents, grams)

__all__ = [
    'MAKING_MODES', 'WASTAGE_MODES', 'WEIGHT_BASES', 'DISCOUNT_MODES',
    'ROUNDING_SCOPES', 'ROUNDING_METHODS', 'ROUNDING_PRECISIONS',
    'TAX_ROUNDINGS', 'HALLMARK_MODES', 'PricingError', 'Rounding', 'Stone', 'TaxTerm',
    'AppliedTax', 'PriceInput', 'PriceBreakdown', 'price_piece',
    'apply_taxes', 'net_weight', 'fine_weight', 'OldGoldValue',
    'value_old_gold', 'Refund', 'price_refund', 'CENT', 'MILLIGRAM',
    'cents', 'grams',
    ]

MAKING_MODES = {
    'percent': "% of metal value",
    'per_gram_net': "Per gram of net weight",
    'per_gram_gross': "Per gram of gross weight",
    'per_piece': "Per piece",
    'fixed': "Fixed amount",
    }
WASTAGE_MODES = {
    'none': "None",
    'percent_weight': "% of weight at the rate",
    'percent_value': "% of metal value",
    'fixed_weight': "Fixed grams at the rate",
    }
WEIGHT_BASES = {
    'net': "Net weight",
    'gross': "Gross weight",
    'fine': "Fine weight",
    }
HALLMARK_MODES = {
    'taxable': "Part of the piece's taxable value",
    'service': "A service with its own tax",
    'outside': "Outside GST, for the hallmarking centre",
    }
DISCOUNT_MODES = {
    'none': "None",
    'percent': "% of making charge",
    'amount': "Amount off making charge",
    }
ROUNDING_SCOPES = {
    'component': "Per component",
    'total': "On the total",
    }
ROUNDING_METHODS = {
    'half_up': ("Half up", ROUND_HALF_UP),
    'up': ("Up", ROUND_CEILING),
    'down': ("Down", ROUND_FLOOR),
    'truncate': ("Truncate", ROUND_DOWN),
    }
TAX_ROUNDINGS = {
    'each': "Each tax on its own",
    'group': "Each tax group once, split",
    }
ROUNDING_PRECISIONS = {
    '0.01': Decimal('0.01'),
    '1': Decimal('1'),
    '5': Decimal('5'),
    '10': Decimal('10'),
    }
HUNDRED = Decimal(100)
ZERO = Decimal(0)


class PricingError(ValueError):
    "Bad input to the pricing core; field names the faulty input"

    def __init__(self, field, message):
        super().__init__(f'{field}: {message}')
        self.field = field
        self.message = message


def _decimal(name, value):
    if isinstance(value, float) or isinstance(value, bool):
        raise PricingError(name, "must be a Decimal, not %r" % value)
    if value is None:
        return ZERO
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        raise PricingError(name, "must be a Decimal, not %r" % value)
    return value


def _positive(name, value, strict=False):
    value = _decimal(name, value)
    if value < 0 or (strict and value == 0):
        raise PricingError(name, "must be greater than %s"
            % ("zero" if strict else "or equal to zero"))
    return value


def _choice(name, value, choices):
    if value not in choices:
        raise PricingError(
            name, "must be one of %s, not %r" % (', '.join(choices), value))
    return value


@dataclass(frozen=True)
class Rounding:
    scope: str = 'total'
    precision: Decimal = CENT
    method: str = 'half_up'
    taxes: str = 'each'

    def __post_init__(self):
        _choice('rounding scope', self.scope, ROUNDING_SCOPES)
        _choice('rounding method', self.method, ROUNDING_METHODS)
        _choice('tax rounding', self.taxes, TAX_ROUNDINGS)
        precision = _decimal('rounding precision', self.precision)
        if precision not in ROUNDING_PRECISIONS.values():
            raise PricingError('rounding precision',
                "must be one of %s" % ', '.join(ROUNDING_PRECISIONS))
        object.__setattr__(self, 'precision', precision)

    @property
    def component(self):
        """Return the function that rounds a component or a tax: the policy
        itself per component, to the cent when only the total is rounded"""
        return self.round if self.scope == 'component' else cents

    def round(self, amount):
        "Round amount with the policy's precision and method"
        rounding = ROUNDING_METHODS[self.method][1]
        if self.precision == CENT:
            return amount.quantize(CENT, rounding=rounding)
        steps = (amount / self.precision).quantize(
            Decimal(1), rounding=rounding)
        return (steps * self.precision).quantize(CENT)

    def __str__(self):
        "The policy as a bill keeps it: 'total 0.01 half_up each'"
        return ' '.join(
            [self.scope, str(self.precision), self.method, self.taxes])


@dataclass(frozen=True)
class Stone:
    pieces: int = 0
    carats: Decimal = ZERO
    rate: Decimal = ZERO
    rate_per: str = 'carat'
    certificate_charge: Decimal = ZERO

    def value(self, index=0):
        name = f'stone {index + 1}'
        _choice(f'{name} rate per', self.rate_per, ('carat', 'piece'))
        rate = _positive(f'{name} rate', self.rate)
        charge = _positive(
            f'{name} certificate charge', self.certificate_charge)
        if self.rate_per == 'carat':
            quantity = _positive(f'{name} carats', self.carats, strict=True)
        else:
            quantity = _positive(f'{name} pieces', self.pieces, strict=True)
        return quantity * rate + charge


@dataclass(frozen=True)
class TaxTerm:
    """A tax of the day: rate x the taxable value + amount. Taxes of the
    same group are rounded together when the policy says so; key is the
    caller's (an account.tax id)"""
    name: str
    rate: Decimal = ZERO
    amount: Decimal = ZERO
    group: object = None
    key: object = None


@dataclass(frozen=True)
class AppliedTax:
    "A tax as a price applies it: its base and its rounded amount"
    name: str
    base: Decimal
    amount: Decimal
    key: object = None


@dataclass(frozen=True)
class PriceInput:
    gross_weight: Decimal
    factor: Decimal
    rate: Decimal
    stone_weight: Decimal = ZERO
    other_weight: Decimal = ZERO
    weight_basis: str = 'net'
    making_mode: str = 'percent'
    making_value: Decimal = ZERO
    making_minimum: Decimal = ZERO
    wastage_mode: str = 'none'
    wastage_value: Decimal = ZERO
    stones: tuple = ()
    hallmark_charge: Decimal = ZERO
    hallmark_mode: str = 'taxable'
    # the taxes of the hallmark as a service: TaxTerm, ...
    hallmark_taxes: tuple = ()
    discount_mode: str = 'none'
    discount_value: Decimal = ZERO
    # TaxTerm, or (name, rate as a fraction: Decimal('0.015')), ...
    taxes: tuple = ()
    rounding: Rounding = field(default_factory=Rounding)
    pieces: int = 1


@dataclass(frozen=True)
class PriceBreakdown:
    net_weight: Decimal
    fine_weight: Decimal
    basis_weight: Decimal
    wastage_weight: Decimal
    metal_value: Decimal
    making: Decimal
    wastage: Decimal
    stones: Decimal
    hallmark: Decimal
    discount: Decimal
    taxable: Decimal
    taxes: tuple
    tax: Decimal
    rounding_adjustment: Decimal
    total: Decimal
    hallmark_mode: str = 'taxable'

    @property
    def untaxed(self):
        "The value before tax: the taxable value and a hallmark service"
        if self.hallmark_mode == 'service':
            return self.taxable + self.hallmark
        return self.taxable

    @property
    def outside_tax(self):
        "What the total holds outside GST: a hallmark fee passed through"
        return self.hallmark if self.hallmark_mode == 'outside' else ZERO


def net_weight(gross, stone=ZERO, other=ZERO):
    "Return net weight, refusing impossible weights"
    gross = _positive('gross weight', gross, strict=True)
    stone = _positive('stone weight', stone)
    other = _positive('other weight', other)
    if stone + other > gross:
        raise PricingError('stone weight',
            "stone and other weight (%s) exceed gross weight (%s)"
            % (stone + other, gross))
    return gross - stone - other


def fine_weight(net, factor):
    "Return the fine (pure) weight of net weight at factor, to 3 decimals"
    factor = _decimal('factor', factor)
    if not (ZERO < factor <= 1):
        raise PricingError('factor', "must be greater than 0 and at most 1")
    return grams(net * factor)


def _making(inp, metal_value, net, gross):
    mode = _choice('making mode', inp.making_mode, MAKING_MODES)
    value = _positive('making value', inp.making_value)
    if mode == 'percent':
        making = metal_value * value / HUNDRED
    elif mode == 'per_gram_net':
        making = net * value
    elif mode == 'per_gram_gross':
        making = gross * value
    elif mode == 'per_piece':
        making = inp.pieces * value
    else:
        making = value
    return max(making, _positive('making minimum', inp.making_minimum))


def _wastage(inp, metal_value, basis, rate):
    "Return (wastage weight, wastage value)"
    mode = _choice('wastage mode', inp.wastage_mode, WASTAGE_MODES)
    value = _positive('wastage value', inp.wastage_value)
    if mode == 'percent_weight':
        weight = grams(basis * value / HUNDRED)
        return weight, weight * rate
    elif mode == 'percent_value':
        return ZERO, metal_value * value / HUNDRED
    elif mode == 'fixed_weight':
        return value, value * rate
    return ZERO, ZERO


def _discount(inp, making):
    mode = _choice('discount mode', inp.discount_mode, DISCOUNT_MODES)
    value = _positive('discount value', inp.discount_value)
    if mode == 'percent':
        if value > HUNDRED:
            raise PricingError('discount value', "must be at most 100%")
        return making * value / HUNDRED
    elif mode == 'amount':
        if value > making:
            raise PricingError('discount value',
                "%s exceeds the making charge %s" % (value, cents(making)))
        return value
    return ZERO


def _term(tax):
    if isinstance(tax, TaxTerm):
        term = tax
    else:
        name, rate = tax
        term = TaxTerm(name=name, rate=rate)
    _positive(f'tax {term.name}', term.rate)
    _decimal(f'tax {term.name} amount', term.amount)
    return term


def _split(amount, terms):
    """Return amount shared among terms in proportion to their rates (their
    fixed amounts when they have no rate), to the cent: each share rounded
    down, the cents left over one each to the first terms"""
    weights = [t.rate for t in terms]
    if not sum(weights):
        weights = [abs(t.amount) for t in terms]
    if not sum(weights):
        weights = [Decimal(1)] * len(terms)
    total = sum(weights)
    shares = [(amount * w / total).quantize(CENT, rounding=ROUND_DOWN)
        for w in weights]
    left = int((amount - sum(shares)) / CENT)
    step = CENT if left >= 0 else -CENT
    for i in range(abs(left)):
        shares[i % len(shares)] += step
    return shares


def apply_taxes(taxable, taxes, rounding):
    """Return ((AppliedTax, ...), their sum) of taxes (TaxTerm or (name,
    rate)) on taxable with the rounding policy: each tax on its own, or each
    group once and split"""
    if not isinstance(rounding, Rounding):
        raise PricingError('rounding', "must be a Rounding policy")
    round_ = rounding.component
    terms = [_term(t) for t in taxes]
    amounts = [round_(taxable * t.rate + t.amount) for t in terms]
    if rounding.taxes == 'group':
        groups = {}
        for i, term in enumerate(terms):
            if term.group is not None:
                groups.setdefault(term.group, []).append(i)
        for indexes in groups.values():
            members = [terms[i] for i in indexes]
            amount = round_(sum(
                    (taxable * t.rate + t.amount for t in members), ZERO))
            for i, share in zip(indexes, _split(amount, members)):
                amounts[i] = share
    applied = tuple(
        AppliedTax(name=t.name, base=taxable, amount=a, key=t.key)
        for t, a in zip(terms, amounts))
    return applied, sum(amounts, ZERO)


def price_piece(inp):
    "Return the PriceBreakdown of a PriceInput"
    if not isinstance(inp.rounding, Rounding):
        raise PricingError('rounding', "must be a Rounding policy")
    if not isinstance(inp.pieces, int) or inp.pieces < 1:
        raise PricingError('pieces', "must be a whole number of at least 1")
    net = net_weight(inp.gross_weight, inp.stone_weight, inp.other_weight)
    gross = inp.gross_weight
    fine = fine_weight(net, inp.factor)
    rate = _positive('rate', inp.rate, strict=True)
    basis = {
        'net': net,
        'gross': gross,
        'fine': fine,
        }[_choice('weight basis', inp.weight_basis, WEIGHT_BASES)]

    metal_value = basis * rate
    making = _making(inp, metal_value, net, gross)
    wastage_weight, wastage = _wastage(inp, metal_value, basis, rate)
    stones = sum(
        (s.value(i) for i, s in enumerate(inp.stones)), ZERO)
    hallmark = inp.pieces * _positive('hallmark charge', inp.hallmark_charge)
    discount = _discount(inp, making)

    policy = inp.rounding
    round_component = policy.component
    metal_value, making, wastage, stones, hallmark, discount = map(
        round_component,
        [metal_value, making, wastage, stones, hallmark, discount])
    hallmark_mode = _choice(
        'hallmark mode', inp.hallmark_mode, HALLMARK_MODES)
    taxable = metal_value + making + wastage + stones - discount
    if hallmark_mode == 'taxable':
        taxable += hallmark
    taxes, tax = apply_taxes(taxable, inp.taxes, policy)
    if hallmark_mode == 'service':
        service_taxes, service_tax = apply_taxes(
            hallmark, inp.hallmark_taxes, policy)
        taxes += service_taxes
        tax += service_tax
    before = taxable + tax
    if hallmark_mode != 'taxable':
        before += hallmark
    if policy.scope == 'total':
        total = policy.round(before)
    else:
        total = before
    return PriceBreakdown(
        net_weight=net,
        fine_weight=fine,
        basis_weight=basis,
        wastage_weight=wastage_weight,
        metal_value=metal_value,
        making=making,
        wastage=wastage,
        stones=stones,
        hallmark=hallmark,
        discount=discount,
        taxable=taxable,
        taxes=taxes,
        tax=tax,
        rounding_adjustment=total - before,
        total=total,
        hallmark_mode=hallmark_mode,
        )


@dataclass(frozen=True)
class OldGoldValue:
    net_weight: Decimal
    fine_weight: Decimal
    amount: Decimal


def value_old_gold(gross, stone, loss_percent, purity_percent, rate):
    """Return the OldGoldValue of old gold of gross and stone weight, tested
    at purity_percent, with a melting/testing loss of loss_percent, bought at
    rate per gram of the metal's base purity"""
    net = net_weight(gross, stone)
    if not net:
        raise PricingError('stone weight',
            "stone weight (%s) leaves no metal" % stone)
    loss = _positive('loss %', loss_percent)
    if loss >= HUNDRED:
        raise PricingError('loss %', "must be less than 100")
    purity = _positive('tested purity %', purity_percent, strict=True)
    if purity > HUNDRED:
        raise PricingError('tested purity %', "must be at most 100")
    rate = _positive('buy rate', rate, strict=True)
    fine = grams(net * (HUNDRED - loss) * purity / HUNDRED / HUNDRED)
    return OldGoldValue(
        net_weight=net, fine_weight=fine, amount=cents(fine * rate))


@dataclass(frozen=True)
class Refund:
    deduction: Decimal
    taxable: Decimal
    taxes: tuple
    tax: Decimal
    rounding_adjustment: Decimal
    total: Decimal
    outside_tax: Decimal = ZERO
    ratio: Decimal = Decimal(1)


def price_refund(
        value, sold_taxable, sold_taxes, sold_adjustment, deduction_percent,
        rounding, sold_outside=ZERO):
    """Return the Refund of a piece sold at sold_taxable (its value before
    tax) with sold_taxes ((name, amount), ... or AppliedTax), a rounding
    adjustment and sold_outside collected outside GST, returned at value
    (the sale-day value or today's, never above what was sold) less
    deduction_percent of it: its sold taxes, adjustment and outside amount
    pro rata"""
    if not isinstance(rounding, Rounding):
        raise PricingError('rounding', "must be a Rounding policy")
    value = _positive('taxable value', value)
    sold_taxable = _positive('sold taxable value', sold_taxable, strict=True)
    deduction_percent = _positive('deduction %', deduction_percent)
    if deduction_percent > HUNDRED:
        raise PricingError('deduction %', "must be at most 100")
    value = min(value, sold_taxable)
    deduction = rounding.component(value * deduction_percent / HUNDRED)
    taxable = value - deduction
    ratio = taxable / sold_taxable

    def share(amount):
        return amount if ratio == 1 else cents(amount * ratio)
    taxes = []
    for tax in sold_taxes:
        if not isinstance(tax, AppliedTax):
            name, amount = tax
            tax = AppliedTax(name=name, base=sold_taxable, amount=amount)
        taxes.append(AppliedTax(name=tax.name, base=share(tax.base),
                amount=share(_decimal(f'tax {tax.name}', tax.amount)),
                key=tax.key))
    tax = sum((t.amount for t in taxes), ZERO)
    adjustment = share(_decimal('rounding adjustment', sold_adjustment))
    outside = share(_positive('outside amount', sold_outside))
    return Refund(
        deduction=deduction, taxable=taxable, taxes=tuple(taxes), tax=tax,
        rounding_adjustment=adjustment, outside_tax=outside, ratio=ratio,
        total=taxable + tax + adjustment + outside)

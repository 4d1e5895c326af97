"""The anti-money-laundering thresholds as pure functions (no database):
how a threshold is reached, the cash that pays a bill, the deadline of a
report. The policy model and the till apply them."""
import datetime as dt
from decimal import Decimal

ZERO = Decimal(0)


def reaches(amount, threshold, mode='reach'):
    """Whether amount passes threshold: 'reach' when it is equal or more
    (India's "2,00,000 or more"), 'exceed' when it is more (the US "over
    $10,000", the EU "up to 10,000 EUR" cap)"""
    if threshold is None or amount is None:
        return False
    if mode == 'exceed':
        return amount > threshold
    return amount >= threshold


def cash_applied(total, old_gold, other, cash):
    """The cash that pays a bill of total: what the customer handed over,
    less the change due on it. old_gold and other (card, UPI, cheque...)
    pay first; a refund (total below zero) takes in no cash"""
    if total <= 0 or cash <= 0:
        return ZERO
    return max(min(cash, total - old_gold - other), ZERO)


def period_start(date, period):
    "The first day of the report period ('day' or 'month') of date"
    if period == 'month':
        return date.replace(day=1)
    return date


def period_end(date, period):
    "The last day of the report period of date"
    if period == 'month':
        following = (date.replace(day=28) + dt.timedelta(days=4))
        return following.replace(day=1) - dt.timedelta(days=1)
    return date


def report_deadline(date, period, days):
    """The day a report of the period of date is due: days after the
    period ends (Form 8300: 15 days after the cash was received; India's
    cash transaction report: the 15th of the following month)"""
    if days is None:
        return None
    return period_end(date, period) + dt.timedelta(days=days)

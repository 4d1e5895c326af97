"""Helpers for scenarios: a metal with its purities and a morning rate
entry; for tests, a configuration option set for one test"""
from decimal import Decimal

from proteus import Model, Wizard

from trytond import config

__all__ = ['create_gold', 'enter_rates', 'set_option']

GOLD_PURITIES = [
    # name, karat, fineness, factor, HSN
    ('24K', 24, 999, Decimal('0.999'), '7108'),
    ('22K', 22, 916, Decimal('0.916'), '7113'),
    ('18K', 18, 750, Decimal('0.750'), '7113'),
    ]


def create_gold(purities=GOLD_PURITIES, config=None):
    "Create the gold metal quoted per 10 g with purities; base is the first"
    Metal = Model.get('gold.metal', config=config)
    Purity = Model.get('gold.purity', config=config)
    metal = Metal(name="Gold", code='gold', quote_weight=Decimal(10))
    metal.save()
    records = {}
    for name, karat, fineness, factor, hsn in purities:
        purity = Purity(
            metal=metal, name=name, karat=karat, fineness=fineness,
            factor=factor, hsn_code=hsn)
        purity.save()
        records[name] = purity
    metal.base_purity = records[purities[0][0]]
    metal.save()
    return metal, records


def enter_rates(metal, sell_quote, buy_quote, overrides=None, config=None):
    """Run the morning rate entry for metal with the base rates as quoted;
    overrides maps a purity name to (sell, buy) per gram"""
    enter = Wizard('gold.rate.enter', config=config)
    enter.form.metal = metal
    enter.form.base_sell_quote = Decimal(sell_quote)
    enter.form.base_buy_quote = Decimal(buy_quote)
    for line in enter.form.lines:
        if overrides and line.purity.name in overrides:
            line.sell_rate, line.buy_rate = overrides[line.purity.name]
    enter.execute('save')
    return enter


def set_option(test, section, option, value):
    "Set a configuration option for the test, restored after it"
    if not config.has_section(section):
        config.add_section(section)
    old = config.get(section, option, default='')
    config.set(section, option, value)
    test.addCleanup(config.set, section, option, old)

"""Tests of the pure pricing core.

Expected figures are published worked examples, named in each test (the
publisher and date: livemint, Marg ERP, ...), or were worked out by hand;
the arithmetic is written next to each.
"""
import unittest
from decimal import Decimal as D

from trytond.modules.gold_product.pricing import (
    AppliedTax, PriceInput, PricingError, Rounding, Stone, TaxTerm,
    apply_taxes, fine_weight, price_piece, price_refund, value_old_gold)

GST_INTRA = (('CGST', D('0.015')), ('SGST', D('0.015')))
GST_INTER = (('IGST', D('0.03')),)
# GST 3% as Tryton's chart has it: a parent with CGST and SGST children
GST_GROUP = (
    TaxTerm('CGST', D('0.015'), group='GST 3%'),
    TaxTerm('SGST', D('0.015'), group='GST 3%'))


def amounts(taxes):
    return [(t.name, t.amount) for t in taxes]


class PublishedExamplesTestCase(unittest.TestCase):

    def test_livemint_10g_at_4500_making_10_percent(self):
        # livemint 2021-04-14: 10 g x 4,500 = 45,000; making 10% = 4,500
        # => 49,500 before tax; GST 3% = 1,485 => 50,985
        price = price_piece(PriceInput(
                gross_weight=D('10.000'), factor=D('0.916'), rate=D('4500'),
                making_mode='percent', making_value=D('10')))
        self.assertEqual(price.metal_value, D('45000.00'))
        self.assertEqual(price.making, D('4500.00'))
        self.assertEqual(price.total, D('49500.00'))

        price = price_piece(PriceInput(
                gross_weight=D('10.000'), factor=D('0.916'), rate=D('4500'),
                making_mode='percent', making_value=D('10'),
                taxes=GST_INTRA))
        self.assertEqual(price.taxable, D('49500.00'))
        self.assertEqual(amounts(price.taxes), [
                ('CGST', D('742.50')), ('SGST', D('742.50'))])
        self.assertEqual(price.tax, D('1485.00'))
        self.assertEqual(price.total, D('50985.00'))

        price = price_piece(PriceInput(
                gross_weight=D('10.000'), factor=D('0.916'), rate=D('4500'),
                making_mode='percent', making_value=D('10'),
                taxes=GST_INTER))
        self.assertEqual(amounts(price.taxes), [('IGST', D('1485.00'))])
        self.assertEqual(price.total, D('50985.00'))

    def test_marg_making_2_percent(self):
        # Marg ERP: rate 2,000/g, net 9.800 g, making 2% of metal value
        # metal = 19,600.00; making = 392.00
        price = price_piece(PriceInput(
                gross_weight=D('9.800'), factor=D('0.916'), rate=D('2000'),
                making_mode='percent', making_value=D('2')))
        self.assertEqual(price.metal_value, D('19600.00'))
        self.assertEqual(price.making, D('392.00'))

    def test_businessleague_making_per_gram(self):
        # 68,000 per 10 g = 6,800/g; 10 g; making 680/g => 6,800.00
        price = price_piece(PriceInput(
                gross_weight=D('10.000'), factor=D('0.916'),
                rate=D('68000') / 10,
                making_mode='per_gram_net', making_value=D('680')))
        self.assertEqual(price.metal_value, D('68000.00'))
        self.assertEqual(price.making, D('6800.00'))
        self.assertEqual(price.total, D('74800.00'))


class ComponentsTestCase(unittest.TestCase):

    def full_input(self, **kwargs):
        values = dict(
            gross_weight=D('12.345'), stone_weight=D('0.500'),
            other_weight=D('0.045'), factor=D('0.916'), rate=D('6870'),
            making_mode='percent', making_value=D('12'),
            wastage_mode='percent_weight', wastage_value=D('3'),
            stones=(Stone(
                    pieces=2, carats=D('0.25'), rate=D('40000'),
                    certificate_charge=D('500')),),
            hallmark_charge=D('45'),
            discount_mode='percent', discount_value=D('10'),
            taxes=GST_INTRA,
            rounding=Rounding('component', D('1'), 'half_up'))
        values.update(kwargs)
        return PriceInput(**values)

    def test_full_bill_per_component_to_rupee(self):
        # net = 12.345 - 0.500 - 0.045 = 11.800; fine = 11.8 x .916 = 10.8088
        # metal = 11.8 x 6870 = 81,066
        # making = 12% = 9,727.92 -> 9,728
        # wastage = 3% x 11.8 = 0.354 g x 6870 = 2,431.98 -> 2,432
        # stones = 0.25 x 40,000 + 500 = 10,500; hallmark 45
        # discount = 10% x 9,727.92 = 972.792 -> 973
        # taxable = 81066 + 9728 + 2432 + 10500 + 45 - 973 = 102,798
        # CGST = SGST = 1.5% = 1,541.97 -> 1,542; total = 105,882
        price = price_piece(self.full_input())
        self.assertEqual(price.net_weight, D('11.800'))
        self.assertEqual(price.fine_weight, D('10.809'))
        self.assertEqual(price.wastage_weight, D('0.354'))
        self.assertEqual(price.metal_value, D('81066'))
        self.assertEqual(price.making, D('9728'))
        self.assertEqual(price.wastage, D('2432'))
        self.assertEqual(price.stones, D('10500'))
        self.assertEqual(price.hallmark, D('45'))
        self.assertEqual(price.discount, D('973'))
        self.assertEqual(price.taxable, D('102798'))
        self.assertEqual(
            amounts(price.taxes), [('CGST', D('1542')), ('SGST', D('1542'))])
        self.assertEqual(price.total, D('105882'))
        self.assertEqual(price.rounding_adjustment, D('0'))

    def test_full_bill_rounded_on_total(self):
        # Components at 0.01: making 9,727.92, wastage 2,431.98,
        # discount 972.79; taxable = 81066 + 9727.92 + 2431.98 + 10500 + 45
        # - 972.79 = 102,798.11; CGST = SGST = 1,541.97165 -> 1,541.97
        # before = 102,798.11 + 3,083.94 = 105,882.05
        price = price_piece(self.full_input(
                rounding=Rounding('total', D('10'), 'half_up')))
        self.assertEqual(price.taxable, D('102798.11'))
        self.assertEqual(price.tax, D('3083.94'))
        self.assertEqual(price.total, D('105880.00'))
        self.assertEqual(price.rounding_adjustment, D('-2.05'))
        price = price_piece(self.full_input(
                rounding=Rounding('total', D('10'), 'up')))
        self.assertEqual(price.total, D('105890.00'))
        price = price_piece(self.full_input(
                rounding=Rounding('total', D('5'), 'half_up')))
        self.assertEqual(price.total, D('105880.00'))
        price = price_piece(self.full_input(
                rounding=Rounding('total', D('1'), 'truncate')))
        self.assertEqual(price.total, D('105882.00'))

    def test_making_modes(self):
        # net 9.000 (gross 10, stones 1), rate 5,000 -> metal 45,000
        base = dict(gross_weight=D('10'), stone_weight=D('1'),
            factor=D('0.75'), rate=D('5000'))
        cases = [
            ('percent', D('8'), D('3600.00')),       # 45,000 x 8%
            ('per_gram_net', D('300'), D('2700.00')),  # 9 x 300
            ('per_gram_gross', D('300'), D('3000.00')),  # 10 x 300
            ('per_piece', D('1500'), D('3000.00')),  # 2 pieces x 1,500
            ('fixed', D('1250'), D('1250.00')),
            ]
        for mode, value, expected in cases:
            with self.subTest(mode=mode):
                price = price_piece(PriceInput(
                        making_mode=mode, making_value=value, pieces=2,
                        **base))
                self.assertEqual(price.making, expected)

    def test_making_minimum(self):
        # 1.5 g at 6,000 = 9,000; 5% = 450 < minimum 500
        price = price_piece(PriceInput(
                gross_weight=D('1.5'), factor=D('0.916'), rate=D('6000'),
                making_value=D('5'), making_minimum=D('500')))
        self.assertEqual(price.making, D('500.00'))

    def test_wastage_modes(self):
        base = dict(gross_weight=D('10'), factor=D('0.916'), rate=D('6000'))
        # 4% of 10 g = 0.400 g x 6,000 = 2,400
        self.assertEqual(price_piece(PriceInput(
                    wastage_mode='percent_weight', wastage_value=D('4'),
                    **base)).wastage, D('2400.00'))
        # 4% of 60,000 = 2,400 too, but no weight
        price = price_piece(PriceInput(
                wastage_mode='percent_value', wastage_value=D('4'), **base))
        self.assertEqual(price.wastage, D('2400.00'))
        self.assertEqual(price.wastage_weight, D('0'))
        # 0.250 g x 6,000 = 1,500
        price = price_piece(PriceInput(
                wastage_mode='fixed_weight', wastage_value=D('0.250'), **base))
        self.assertEqual(price.wastage, D('1500.00'))
        self.assertEqual(price.wastage_weight, D('0.250'))

    def test_weight_basis(self):
        base = dict(gross_weight=D('10'), stone_weight=D('2'),
            factor=D('0.75'), rate=D('1000'))
        self.assertEqual(price_piece(PriceInput(
                    weight_basis='net', **base)).metal_value, D('8000.00'))
        self.assertEqual(price_piece(PriceInput(
                    weight_basis='gross', **base)).metal_value, D('10000.00'))
        # fine = 8 x 0.75 = 6
        self.assertEqual(price_piece(PriceInput(
                    weight_basis='fine', **base)).metal_value, D('6000.00'))

    def test_stone_per_piece(self):
        # 12 pieces x 150 = 1,800
        price = price_piece(PriceInput(
                gross_weight=D('5'), stone_weight=D('0.4'), factor=D('0.75'),
                rate=D('5000'),
                stones=(Stone(pieces=12, rate=D('150'), rate_per='piece'),)))
        self.assertEqual(price.stones, D('1800.00'))

    def test_discount_amount(self):
        # making 10% of 50,000 = 5,000; 1,000 off
        price = price_piece(PriceInput(
                gross_weight=D('10'), factor=D('0.916'), rate=D('5000'),
                making_value=D('10'),
                discount_mode='amount', discount_value=D('1000')))
        self.assertEqual(price.discount, D('1000.00'))
        self.assertEqual(price.total, D('54000.00'))

    def test_fine_weight_with_22_24_factor(self):
        # 10 g x 0.91667 = 9.1667 -> 9.167
        self.assertEqual(fine_weight(D('10'), D('0.91667')), D('9.167'))


class RoundingTestCase(unittest.TestCase):

    def test_methods_and_precisions(self):
        value = D('49523.456')
        cases = [
            ('0.01', 'half_up', D('49523.46')),
            ('0.01', 'down', D('49523.45')),
            ('1', 'half_up', D('49523.00')),
            ('1', 'up', D('49524.00')),
            ('5', 'half_up', D('49525.00')),  # 9904.69 steps of 5
            ('5', 'down', D('49520.00')),
            ('10', 'half_up', D('49520.00')),
            ('10', 'up', D('49530.00')),
            ('10', 'truncate', D('49520.00')),
            ]
        for precision, method, expected in cases:
            with self.subTest(precision=precision, method=method):
                policy = Rounding('total', D(precision), method)
                self.assertEqual(policy.round(value), expected)

    def test_half_up_on_half(self):
        self.assertEqual(Rounding('total', D('1'), 'half_up').round(
                D('100.50')), D('101.00'))
        self.assertEqual(Rounding('total', D('10'), 'half_up').round(
                D('105')), D('110.00'))

    def test_negative_amounts(self):
        # down is towards minus infinity, truncate towards zero
        value = D('-12.345')
        self.assertEqual(
            Rounding('total', D('0.01'), 'truncate').round(value),
            D('-12.34'))
        self.assertEqual(
            Rounding('total', D('0.01'), 'down').round(value), D('-12.35'))
        self.assertEqual(
            Rounding('total', D('0.01'), 'up').round(value), D('-12.34'))
        self.assertEqual(
            Rounding('total', D('0.01'), 'half_up').round(value), D('-12.35'))

    def test_bad_policy(self):
        with self.assertRaises(PricingError):
            Rounding('total', D('2'), 'half_up')
        with self.assertRaises(PricingError):
            Rounding('bill', D('1'), 'half_up')
        with self.assertRaises(PricingError):
            Rounding('total', D('1'), 'bankers')


class BadInputTestCase(unittest.TestCase):

    def assertField(self, field, **kwargs):
        values = dict(gross_weight=D('10'), factor=D('0.916'), rate=D('5000'))
        values.update(kwargs)
        with self.assertRaises(PricingError) as cm:
            price_piece(PriceInput(**values))
        self.assertEqual(cm.exception.field, field)

    def test_bad_inputs(self):
        self.assertField('gross weight', gross_weight=D('0'))
        self.assertField('gross weight', gross_weight=D('-1'))
        self.assertField('stone weight',
            stone_weight=D('6'), other_weight=D('4.001'))
        self.assertField('factor', factor=D('0'))
        self.assertField('factor', factor=D('1.001'))
        self.assertField('rate', rate=D('0'))
        self.assertField('rate', rate=D('-5'))
        self.assertField('stone 1 carats', stones=(Stone(carats=D('0')),))
        self.assertField('stone 1 carats', stones=(Stone(carats=D('-1')),))
        self.assertField('making mode', making_mode='per_kg')
        self.assertField('making value', making_value=D('-1'))
        self.assertField('discount value',
            discount_mode='percent', discount_value=D('101'))
        self.assertField('discount value',
            making_value=D('1'), discount_mode='amount',
            discount_value=D('501'))  # making is 500
        self.assertField('pieces', pieces=0)

    def test_floats_refused(self):
        self.assertField('gross weight', gross_weight=10.0)
        self.assertField('rate', rate=4500.0)

    def test_deterministic(self):
        inp = PriceInput(gross_weight=D('7.777'), factor=D('0.75'),
            rate=D('5123.45'), making_value=D('13'), taxes=GST_INTRA)
        self.assertEqual(price_piece(inp), price_piece(inp))


class OldGoldTestCase(unittest.TestCase):
    "Credit = (gross - stones) x (1 - loss%) x tested purity x buy rate"

    def test_exchange_by_hand(self):
        # net 12.500 - 0.500 = 12.000; less 2% loss = 11.760;
        # at 91.6% = 10.77216 -> 10.772 g fine; x 7,300 = 78,635.60
        value = value_old_gold(
            D('12.500'), D('0.500'), D('2'), D('91.6'), D('7300.00'))
        self.assertEqual(value.net_weight, D('12.000'))
        self.assertEqual(value.fine_weight, D('10.772'))
        self.assertEqual(value.amount, D('78635.60'))

    def test_no_loss_pure(self):
        # 5.000 g at 100%, no loss, 7,300.00 = 36,500.00
        value = value_old_gold(
            D('5.000'), D('0'), D('0'), D('100'), D('7300.00'))
        self.assertEqual(value.fine_weight, D('5.000'))
        self.assertEqual(value.amount, D('36500.00'))

    def test_fine_weight_rounds_half_up(self):
        # 1.000 x 0.995 x 0.9165 = 0.9119175 -> 0.912; x 7,000 = 6,384.00
        value = value_old_gold(
            D('1.000'), D('0'), D('0.5'), D('91.65'), D('7000'))
        self.assertEqual(value.fine_weight, D('0.912'))
        self.assertEqual(value.amount, D('6384.00'))

    def test_bad_inputs(self):
        good = dict(gross=D('10'), stone=D('1'), loss_percent=D('2'),
            purity_percent=D('91.6'), rate=D('7300'))
        for name, value, field in [
                ('gross', D('0'), 'gross weight'),
                ('gross', D('-1'), 'gross weight'),
                ('stone', D('-0.1'), 'stone weight'),
                ('stone', D('11'), 'stone weight'),
                ('stone', D('10'), 'stone weight'),
                ('loss_percent', D('-1'), 'loss %'),
                ('loss_percent', D('100'), 'loss %'),
                ('purity_percent', D('0'), 'tested purity %'),
                ('purity_percent', D('100.01'), 'tested purity %'),
                ('rate', D('0'), 'buy rate'),
                ('gross', 10.0, 'gross weight'),
                ]:
            with self.subTest(name=name, value=value):
                with self.assertRaises(PricingError) as cm:
                    value_old_gold(**{**good, name: value})
                self.assertEqual(cm.exception.field, field)


class TaxRoundingTestCase(unittest.TestCase):
    """GST rounded per tax (CGST and SGST each) or once as 3% and split;
    figures worked by hand"""

    def test_group_at_a_paisa(self):
        # taxable 10,000.30: CGST = SGST = 1.5% = 150.0045 -> 150.00 each,
        # 300.00 in all; GST 3% once = 300.009 -> 300.01, split
        # 150.005 -> 150.00 each and the odd paisa to CGST: 150.01 + 150.00
        each, tax = apply_taxes(D('10000.30'), GST_GROUP, Rounding())
        self.assertEqual(amounts(each), [
                ('CGST', D('150.00')), ('SGST', D('150.00'))])
        self.assertEqual(tax, D('300.00'))
        group, tax = apply_taxes(
            D('10000.30'), GST_GROUP, Rounding(taxes='group'))
        self.assertEqual(amounts(group), [
                ('CGST', D('150.01')), ('SGST', D('150.00'))])
        self.assertEqual(tax, D('300.01'))
        self.assertEqual([t.base for t in group], [D('10000.30')] * 2)

    def test_group_at_a_rupee(self):
        # 10 g at 1,235/g = 12,350.00, no making; per component to a rupee:
        # CGST = SGST = 185.25 -> 185 each; total 12,720
        # GST 3% once = 370.50 -> 371, split 185.50 + 185.50; total 12,721
        inp = dict(gross_weight=D('10.000'), factor=D('0.916'),
            rate=D('1235'), taxes=GST_GROUP)
        price = price_piece(PriceInput(
                rounding=Rounding('component', D('1'), 'half_up'), **inp))
        self.assertEqual(amounts(price.taxes), [
                ('CGST', D('185')), ('SGST', D('185'))])
        self.assertEqual(price.total, D('12720'))
        price = price_piece(PriceInput(
                rounding=Rounding('component', D('1'), 'half_up', 'group'),
                **inp))
        self.assertEqual(amounts(price.taxes), [
                ('CGST', D('185.50')), ('SGST', D('185.50'))])
        self.assertEqual(price.tax, D('371.00'))
        self.assertEqual(price.total, D('12721.00'))

    def test_group_leaves_a_single_tax(self):
        # IGST 3% has no group: 3% of 10,000.30 = 300.009 -> 300.01
        taxes, tax = apply_taxes(D('10000.30'), (
                TaxTerm('IGST', D('0.03')),), Rounding(taxes='group'))
        self.assertEqual(amounts(taxes), [('IGST', D('300.01'))])

    def test_fixed_amount(self):
        # a fixed tax of 10.00 a line beside GST: 49,500 x 3% = 1,485 + 10
        taxes, tax = apply_taxes(D('49500.00'), (
                TaxTerm('IGST', D('0.03'), key=7),
                TaxTerm('Cess', amount=D('10'), key=8)), Rounding())
        self.assertEqual(taxes, (
                AppliedTax('IGST', D('49500.00'), D('1485.00'), 7),
                AppliedTax('Cess', D('49500.00'), D('10.00'), 8)))
        self.assertEqual(tax, D('1495.00'))

    def test_bad_policy(self):
        with self.assertRaises(PricingError) as cm:
            Rounding(taxes='bill')
        self.assertEqual(cm.exception.field, 'tax rounding')
        with self.assertRaises(PricingError) as cm:
            apply_taxes(D('1'), GST_GROUP, None)
        self.assertEqual(cm.exception.field, 'rounding')
        with self.assertRaises(PricingError) as cm:
            apply_taxes(D('1'), (TaxTerm('Cess', D('-0.01')),), Rounding())
        self.assertEqual(cm.exception.field, 'tax Cess')

    def test_kept_as_text(self):
        self.assertEqual(
            str(Rounding('component', D('1'), 'up', 'group')),
            'component 1 up group')


class HallmarkTestCase(unittest.TestCase):
    """The hallmark fee as part of the piece's value, a service with its own
    tax, or outside GST: 10 g at 4,500/g, making 10% = 49,500.00 and a 45.00
    hallmark fee"""
    SERVICE = (
        TaxTerm('CGST 9%', D('0.09'), group='GST 18%'),
        TaxTerm('SGST 9%', D('0.09'), group='GST 18%'))

    def price(self, mode):
        return price_piece(PriceInput(
                gross_weight=D('10.000'), factor=D('0.916'), rate=D('4500'),
                making_mode='percent', making_value=D('10'),
                hallmark_charge=D('45'), hallmark_mode=mode,
                hallmark_taxes=self.SERVICE, taxes=GST_INTRA))

    def test_taxable(self):
        # taxable 49,545.00; CGST = SGST = 743.175 -> 743.18; 51,031.36
        price = self.price('taxable')
        self.assertEqual(price.taxable, D('49545.00'))
        self.assertEqual(price.untaxed, D('49545.00'))
        self.assertEqual(amounts(price.taxes), [
                ('CGST', D('743.18')), ('SGST', D('743.18'))])
        self.assertEqual(price.total, D('51031.36'))

    def test_service(self):
        # piece 49,500.00, CGST = SGST = 742.50; the fee 45.00 with
        # CGST = SGST = 9% = 4.05: 49,500 + 1,485 + 45 + 8.10 = 51,038.10
        price = self.price('service')
        self.assertEqual(price.taxable, D('49500.00'))
        self.assertEqual(price.untaxed, D('49545.00'))
        self.assertEqual(price.hallmark, D('45.00'))
        self.assertEqual(price.taxes, (
                AppliedTax('CGST', D('49500.00'), D('742.50')),
                AppliedTax('SGST', D('49500.00'), D('742.50')),
                AppliedTax('CGST 9%', D('45.00'), D('4.05')),
                AppliedTax('SGST 9%', D('45.00'), D('4.05'))))
        self.assertEqual(price.tax, D('1493.10'))
        self.assertEqual(price.outside_tax, D('0'))
        self.assertEqual(price.total, D('51038.10'))

    def test_outside(self):
        # piece 49,500.00 + 1,485.00 of GST, and the 45.00 fee untaxed:
        # 51,030.00
        price = self.price('outside')
        self.assertEqual(price.taxable, D('49500.00'))
        self.assertEqual(price.untaxed, D('49500.00'))
        self.assertEqual(price.tax, D('1485.00'))
        self.assertEqual(price.outside_tax, D('45.00'))
        self.assertEqual(price.total, D('51030.00'))

    def test_bad_mode(self):
        with self.assertRaises(PricingError) as cm:
            self.price('free')
        self.assertEqual(cm.exception.field, 'hallmark mode')


class RefundTestCase(unittest.TestCase):
    """A returned piece reverses its sold taxable value, taxes and round-off
    pro rata to what is refunded, never more than was sold"""
    SOLD = (('CGST', D('1154.84')), ('SGST', D('1154.84')))

    def test_sale_day_less_two_percent(self):
        # sold: taxable 76,989.00; CGST = SGST = 1,154.835 -> 1,154.84
        # 2% = 1,539.78; refund taxable 75,449.22 = 0.98 of the sold value;
        # CGST = SGST = 1,154.84 x 0.98 = 1,131.7432 -> 1,131.74;
        # total 75,449.22 + 2,263.48 = 77,712.70
        refund = price_refund(
            D('76989.00'), D('76989.00'), self.SOLD, D('0'), D('2'),
            Rounding())
        self.assertEqual(refund.deduction, D('1539.78'))
        self.assertEqual(refund.taxable, D('75449.22'))
        self.assertEqual(amounts(refund.taxes), [
                ('CGST', D('1131.74')), ('SGST', D('1131.74'))])
        self.assertEqual([t.base for t in refund.taxes], [D('75449.22')] * 2)
        self.assertEqual(refund.total, D('77712.70'))

    def test_no_deduction_refunds_what_was_paid(self):
        # sold on the total to 10 rupees: taxable 101,338.92, taxes
        # 2 x 1,520.08 = 3,040.16, 104,379.08 -> 104,380.00 (round-off 0.92)
        sold = (('CGST', D('1520.08')), ('SGST', D('1520.08')))
        refund = price_refund(D('101338.92'), D('101338.92'), sold,
            D('0.92'), D('0'), Rounding('total', D('10')))
        self.assertEqual(refund.tax, D('3040.16'))
        self.assertEqual(refund.rounding_adjustment, D('0.92'))
        self.assertEqual(refund.total, D('104380.00'))

    def test_deduction_reverses_its_share_of_the_round_off(self):
        # same bill less 2%: 2,026.7784 -> 2,026.78; taxable 99,312.14;
        # each tax 1,520.08 x 99,312.14 / 101,338.92 = 1,489.678 -> 1,489.68;
        # round-off 0.92 x 99,312.14 / 101,338.92 = 0.9016 -> 0.90;
        # total 99,312.14 + 2,979.36 + 0.90 = 102,292.40
        sold = (('CGST', D('1520.08')), ('SGST', D('1520.08')))
        refund = price_refund(D('101338.92'), D('101338.92'), sold,
            D('0.92'), D('2'), Rounding('total', D('10')))
        self.assertEqual(refund.deduction, D('2026.78'))
        self.assertEqual(amounts(refund.taxes), [
                ('CGST', D('1489.68')), ('SGST', D('1489.68'))])
        self.assertEqual(refund.rounding_adjustment, D('0.90'))
        self.assertEqual(refund.total, D('102292.40'))

    def test_never_more_than_sold(self):
        # today's value 80,000.00 is above the 76,989.00 sold: the sold
        # figures are refunded, 76,989.00 + 2 x 1,154.84 = 79,298.68
        refund = price_refund(
            D('80000.00'), D('76989.00'), self.SOLD, D('0'), D('0'),
            Rounding())
        self.assertEqual(refund.taxable, D('76989.00'))
        self.assertEqual(refund.total, D('79298.68'))

    def test_bad_input(self):
        good = (D('100'), D('100'), self.SOLD, D('0'), D('2'), Rounding())
        for index, value, field in [
                (0, D('-1'), 'taxable value'),
                (1, D('0'), 'sold taxable value'),
                (4, D('-1'), 'deduction %'),
                (4, D('101'), 'deduction %'),
                (5, None, 'rounding'),
                (3, 0.5, 'rounding adjustment'),
                ]:
            args = list(good)
            args[index] = value
            with self.subTest(field=field):
                with self.assertRaises(PricingError) as cm:
                    price_refund(*args)
                self.assertEqual(cm.exception.field, field)

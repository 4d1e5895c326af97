"""Retail product master: brands, generated EAN-13 barcodes, discounts.

Generic retail, no gold rule in it."""
from decimal import Decimal

from stdnum import ean

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields)
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, Id

from .exceptions import BarcodeError, DiscountValidationError


def make_ean13(prefix, number):
    "Return the EAN-13 of prefix followed by the zero padded number"
    number = str(number)
    if not (prefix and prefix.isdigit() and 2 <= len(prefix) <= 9):
        raise BarcodeError(gettext(
                'gold_retail.msg_ean13_prefix', prefix=prefix))
    if not number.isdigit() or len(prefix) + len(number) > 12:
        raise BarcodeError(gettext(
                'gold_retail.msg_ean13_too_long',
                number=number, prefix=prefix))
    body = prefix + number.zfill(12 - len(prefix))
    return body + ean.calc_check_digit(body)


class Brand(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'product.brand'
    __string__ = 'Brand'
    name = fields.Char("Name", required=True, translate=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('name_unique', Unique(t, t.name),
                'gold_retail.msg_brand_name_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))


class Configuration(metaclass=PoolMeta):
    __name__ = 'product.configuration'
    gold_ean13_prefix = fields.Char(
        "EAN-13 Prefix",
        help="The GS1 company prefix, or 200-299 for in-store numbers.")
    gold_ean13_sequence = fields.Many2One(
        'ir.sequence', "EAN-13 Sequence",
        domain=[
            ('sequence_type', '=', Id('gold_retail', 'sequence_type_ean13')),
            ],
        help="Numbers the item reference of generated EAN-13 barcodes.")
    gold_ean13_auto = fields.Boolean(
        "Generate EAN-13",
        help="Give new variants without an EAN an EAN-13 from the sequence.")

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: what the suite adds to Tryton's models starts with
        # gold_ (doc/modules.md)
        for old, new in [
                ('ean13_prefix', 'gold_ean13_prefix'),
                ('ean13_sequence', 'gold_ean13_sequence'),
                ('ean13_auto', 'gold_ean13_auto'),
                ]:
            table_h.column_rename(old, new)
        super().__register__(module)

    @classmethod
    def default_gold_ean13_prefix(cls):
        return '200'


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'
    gold_brand = fields.Many2One('product.brand', "Brand", ondelete='RESTRICT')
    gold_list_discount_mode = fields.Selection([
            (None, "No Discount"),
            ('amount', "Fixed Amount"),
            ('percent', "Percentage"),
            ], "Discount")
    gold_list_discount_value = fields.Numeric(
        "Discount Value", digits=(16, 2),
        states={
            'invisible': ~Eval('gold_list_discount_mode'),
            'required': Bool(Eval('gold_list_discount_mode')),
            })
    gold_discounted_price = fields.Function(fields.Numeric(
            "Discounted Price", digits=(16, 4),
            help="The list price less the discount, for information: the "
            "counter bills the list price, and a discount there is given "
            "on the bill's line."),
        'on_change_with_gold_discounted_price')

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: what the suite adds to Tryton's models starts with
        # gold_ (doc/modules.md)
        for old, new in [
                ('brand', 'gold_brand'),
                ('discount_mode', 'gold_list_discount_mode'),
                ('discount_value', 'gold_list_discount_value'),
                ]:
            table_h.column_rename(old, new)
        super().__register__(module)

    @fields.depends(
        'list_price', 'gold_list_discount_mode', 'gold_list_discount_value')
    def on_change_with_gold_discounted_price(self, name=None):
        return self.apply_discount(self.list_price)

    def apply_discount(self, price):
        "Return price less the product discount"
        if price is None:
            return None
        value = self.gold_list_discount_value or Decimal(0)
        if self.gold_list_discount_mode == 'amount':
            price = max(price - value, Decimal(0))
        elif self.gold_list_discount_mode == 'percent':
            price = price * (1 - value / 100)
        return price.quantize(Decimal('0.0001'))

    @classmethod
    def validate_fields(cls, templates, field_names):
        super().validate_fields(templates, field_names)
        if field_names & {'gold_list_discount_mode',
                'gold_list_discount_value', 'list_price'}:
            for template in templates:
                template.check_discount()

    def check_discount(self):
        value = self.gold_list_discount_value
        if not self.gold_list_discount_mode or value is None:
            return
        if value < 0:
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_negative',
                    discount=value, product=self.rec_name))
        if self.gold_list_discount_mode == 'percent' and value > 100:
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_percent',
                    discount=value, product=self.rec_name))
        if (self.gold_list_discount_mode == 'amount'
                and self.list_price is not None
                and value > self.list_price):
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_amount',
                    discount=value, product=self.rec_name,
                    price=self.list_price))


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'
    gold_ean13 = fields.Function(
        fields.Char("EAN-13"), 'get_gold_ean13', searcher='search_gold_ean13')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'gold_generate_ean13': {
                    'invisible': Eval('gold_ean13', False),
                    'depends': ['gold_ean13'],
                    },
                })

    def get_gold_ean13(self, name):
        for identifier in self.identifiers:
            if identifier.type == 'ean' and len(identifier.code) == 13:
                return identifier.code

    @classmethod
    def search_gold_ean13(cls, name, clause):
        _, operator, value = clause
        return [('identifiers', 'where', [
                    ('type', '=', 'ean'),
                    ('code', operator, value),
                    ])]

    @classmethod
    def create(cls, vlist):
        products = super().create(vlist)
        pool = Pool()
        Configuration = pool.get('product.configuration')
        if Configuration(1).gold_ean13_auto:
            cls.add_ean13([p for p in products if not p.gold_ean13])
        return products

    @classmethod
    @ModelView.button
    def gold_generate_ean13(cls, products):
        cls.add_ean13([p for p in products if not p.gold_ean13])

    @classmethod
    def add_ean13(cls, products):
        "Add a generated EAN-13 identifier to each product"
        pool = Pool()
        Configuration = pool.get('product.configuration')
        Identifier = pool.get('product.identifier')
        config = Configuration(1)
        identifiers = []
        for product in products:
            if not config.gold_ean13_sequence:
                raise BarcodeError(gettext(
                        'gold_retail.msg_ean13_no_sequence',
                        product=product.rec_name))
            code = make_ean13(
                config.gold_ean13_prefix, config.gold_ean13_sequence.get())
            identifiers.append(
                Identifier(product=product, type='ean', code=code))
        Identifier.save(identifiers)

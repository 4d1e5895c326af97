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
    ean13_prefix = fields.Char(
        "EAN-13 Prefix",
        help="The GS1 company prefix, or 200-299 for in-store numbers.")
    ean13_sequence = fields.Many2One(
        'ir.sequence', "EAN-13 Sequence",
        domain=[
            ('sequence_type', '=', Id('gold_retail', 'sequence_type_ean13')),
            ],
        help="Numbers the item reference of generated EAN-13 barcodes.")
    ean13_auto = fields.Boolean(
        "Generate EAN-13",
        help="Give new variants without an EAN an EAN-13 from the sequence.")

    @classmethod
    def default_ean13_prefix(cls):
        return '200'


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'
    brand = fields.Many2One('product.brand', "Brand", ondelete='RESTRICT')
    discount_mode = fields.Selection([
            (None, "No Discount"),
            ('amount', "Fixed Amount"),
            ('percent', "Percentage"),
            ], "Discount")
    discount_value = fields.Numeric(
        "Discount Value", digits=(16, 2),
        states={
            'invisible': ~Eval('discount_mode'),
            'required': Bool(Eval('discount_mode')),
            })
    discounted_price = fields.Function(fields.Numeric(
            "Discounted Price", digits=(16, 4)),
        'on_change_with_discounted_price')

    @fields.depends('list_price', 'discount_mode', 'discount_value')
    def on_change_with_discounted_price(self, name=None):
        return self.apply_discount(self.list_price)

    def apply_discount(self, price):
        "Return price less the product discount"
        if price is None:
            return None
        value = self.discount_value or Decimal(0)
        if self.discount_mode == 'amount':
            price = max(price - value, Decimal(0))
        elif self.discount_mode == 'percent':
            price = price * (1 - value / 100)
        return price.quantize(Decimal('0.0001'))

    @classmethod
    def validate_fields(cls, templates, field_names):
        super().validate_fields(templates, field_names)
        if field_names & {'discount_mode', 'discount_value', 'list_price'}:
            for template in templates:
                template.check_discount()

    def check_discount(self):
        value = self.discount_value
        if not self.discount_mode or value is None:
            return
        if value < 0:
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_negative',
                    discount=value, product=self.rec_name))
        if self.discount_mode == 'percent' and value > 100:
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_percent',
                    discount=value, product=self.rec_name))
        if (self.discount_mode == 'amount' and self.list_price is not None
                and value > self.list_price):
            raise DiscountValidationError(gettext(
                    'gold_retail.msg_discount_amount',
                    discount=value, product=self.rec_name,
                    price=self.list_price))


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'
    ean13 = fields.Function(
        fields.Char("EAN-13"), 'get_ean13', searcher='search_ean13')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'generate_ean13': {
                    'invisible': Eval('ean13', False),
                    'depends': ['ean13'],
                    },
                })

    def get_ean13(self, name):
        for identifier in self.identifiers:
            if identifier.type == 'ean' and len(identifier.code) == 13:
                return identifier.code

    @classmethod
    def search_ean13(cls, name, clause):
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
        if Configuration(1).ean13_auto:
            cls.add_ean13([p for p in products if not p.ean13])
        return products

    @classmethod
    @ModelView.button
    def generate_ean13(cls, products):
        cls.add_ean13([p for p in products if not p.ean13])

    @classmethod
    def add_ean13(cls, products):
        "Add a generated EAN-13 identifier to each product"
        pool = Pool()
        Configuration = pool.get('product.configuration')
        Identifier = pool.get('product.identifier')
        config = Configuration(1)
        identifiers = []
        for product in products:
            if not config.ean13_sequence:
                raise BarcodeError(gettext(
                        'gold_retail.msg_ean13_no_sequence',
                        product=product.rec_name))
            code = make_ean13(
                config.ean13_prefix, config.ean13_sequence.get())
            identifiers.append(
                Identifier(product=product, type='ean', code=code))
        Identifier.save(identifiers)

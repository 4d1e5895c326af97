"""The counter's documents print the buyer's PAN from the one kept, the
encrypted PAN of the customer, masked but for its last four characters:
the shop's record of the PAN (Rule 114B) is the customer's file, the
printed copy goes with the customer."""
from trytond.pool import PoolMeta

from . import kyc


class BuyerPANMixin:
    __slots__ = ()

    @classmethod
    def buyer_pan(cls, party):
        if party and party.gold_pan_cipher:
            return kyc.mask(kyc.decrypt(party.gold_pan_cipher))
        return ''


class InvoiceReport(BuyerPANMixin, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.invoice'


class EstimateReport(BuyerPANMixin, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.estimate'

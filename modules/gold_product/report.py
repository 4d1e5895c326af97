"""Tag labels of pieces: one label a page for thermal label printers, with
a QR code of the tag and the piece's purity, weights and HUID in print."""
from trytond.pool import Pool
from trytond.report import Report


class TagLabel(Report):
    __name__ = 'stock.lot.gold_label'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['label_code'] = cls.label_code
        context['weight'] = cls.weight
        return context

    @staticmethod
    def label_code(lot):
        """The text of the QR code: what a scanner types into the counter's
        Scan field, the tag's barcode (its number unless set)"""
        return lot.gold_barcode or lot.number

    @staticmethod
    def weight(value):
        "A weight in grams as printed: 3 decimals, or blank"
        Lang = Pool().get('ir.lang')
        if value is None:
            return ''
        return Lang.get().format('%.3f', value)

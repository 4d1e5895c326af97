"""The counter's printed documents: the GST tax invoice, the estimate
(valid for the day) and the old gold purchase voucher, rendered from ODT
templates by Tryton's report engine and converted to PDF."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.modules.gold_product.pricing import cents
from trytond.pool import Pool
from trytond.report import Report

from .exceptions import ReportError
from .sale import shop_state

# The GST state code of each state and union territory (the first two
# digits of a GSTIN, GST Council's list), by ISO 3166-2:IN code; the older
# ISO codes of a renamed code are kept
GST_STATE_CODES = {
    'IN-JK': '01', 'IN-HP': '02', 'IN-PB': '03', 'IN-CH': '04',
    'IN-UT': '05', 'IN-UK': '05', 'IN-HR': '06', 'IN-DL': '07',
    'IN-RJ': '08', 'IN-UP': '09', 'IN-BR': '10', 'IN-SK': '11',
    'IN-AR': '12', 'IN-NL': '13', 'IN-MN': '14', 'IN-MZ': '15',
    'IN-TR': '16', 'IN-ML': '17', 'IN-AS': '18', 'IN-WB': '19',
    'IN-JH': '20', 'IN-OR': '21', 'IN-OD': '21', 'IN-CT': '22',
    'IN-CG': '22', 'IN-MP': '23', 'IN-GJ': '24', 'IN-DH': '26',
    'IN-DN': '26', 'IN-DD': '26', 'IN-MH': '27', 'IN-KA': '29',
    'IN-GA': '30', 'IN-LD': '31', 'IN-KL': '32', 'IN-TN': '33',
    'IN-PY': '34', 'IN-AN': '35', 'IN-TG': '36', 'IN-TS': '36',
    'IN-AP': '37', 'IN-LA': '38',
    }
# The unit quantity code (UQC) of GST returns by Tryton's unit symbol
UQC = {'u': 'PCS', 'g': 'GMS', 'kg': 'KGS', 'mg': 'MGS', 'ct': 'CTS'}

ONES = [
    "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
    "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen",
    "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
TENS = [
    "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy",
    "Eighty", "Ninety"]
# Indian numbering: 1,00,00,000 is a crore, 1,00,000 a lakh
SCALES = [(10 ** 7, "Crore"), (10 ** 5, "Lakh"), (1000, "Thousand"),
    (100, "Hundred")]


def _words(number):
    "Return the words of a whole number with the Indian numbering"
    if number < 20:
        return [ONES[number]] if number else []
    if number < 100:
        tens, ones = divmod(number, 10)
        return [TENS[tens] + ("-" + ONES[ones] if ones else "")]
    for scale, name in SCALES:
        if number >= scale:
            head, rest = divmod(number, scale)
            return _words(head) + [name] + _words(rest)


def amount_in_words(amount, currency="Rupees", subunit="Paise"):
    """Return amount in words with the Indian numbering, as printed on an
    invoice: "Rupees One Lakh Two Thousand and Five Paise Only" """
    amount = cents(amount)
    sign = "Minus " if amount < 0 else ""
    whole, fraction = divmod(abs(amount) * 100, 100)
    whole, fraction = int(whole), int(fraction)
    words = " ".join(_words(whole)) or "Zero"
    text = f"{sign}{currency} {words}"
    if fraction:
        text += f" and {' '.join(_words(fraction))} {subunit}"
    return text + " Only"


class CounterReport(Report):
    "What the counter's documents share"
    _kind = None
    _titles = {
        'invoice': "TAX INVOICE",
        'estimate': "ESTIMATE",
        'voucher': "OLD GOLD PURCHASE VOUCHER",
        'credit_note': "CREDIT NOTE",
        }

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['amount_in_words'] = amount_in_words
        context['gst_lines'] = cls.gst_lines
        context['identifier'] = cls.identifier
        context['buyer_pan'] = cls.buyer_pan
        context['document_kind'] = cls.document_kind
        context['document_title'] = (
            lambda sale: cls._titles[cls.document_kind(sale)])
        context['place_of_supply'] = cls.place_of_supply
        context['party_state'] = cls.party_state
        context['quantity'] = cls.quantity
        context['stone_rows'] = cls.stone_rows
        context['original_invoices'] = cls.original_invoices
        context['charge_rows'] = cls.charge_rows
        context['shown'] = cls.shown
        context['line_taxable'] = cls.line_taxable
        context['line_hallmark'] = cls.line_hallmark
        return context

    @classmethod
    def shown(cls, sale, amount):
        """The amount as the document prints it: what a credit note or a
        voucher gives back is printed positive, its title says which way
        it goes"""
        if amount is not None and cls.document_kind(sale) in {
                'credit_note', 'voucher'}:
            return abs(amount)
        return amount

    @staticmethod
    def line_taxable(line):
        "The taxable value of the line's goods: without a hallmark service"
        if line.gold_taxable is not None:
            return line._gold_sign * line.gold_taxable
        return line.untax_amount

    @staticmethod
    def line_hallmark(line):
        "The hallmark fee in the line's taxable value"
        if line.gold_hallmark_mode in {'service', 'outside'}:
            return None
        return line.gold_hallmark

    @staticmethod
    def charge_rows(sale):
        """Return [(description, SAC, value, GST)] of the hallmark fees
        billed on their own: as a service (value before tax, its taxes' rate
        in words) or collected outside GST"""
        rows = []
        company = sale.company
        sac = company.gold_hallmark_sac or ''
        rate = None
        for line in sale.lines:
            mode = line.gold_hallmark_mode
            if mode not in {'service', 'outside'} or not line.gold_hallmark:
                continue
            name = "Hallmarking charges"
            if line.lot:
                name += f" ({line.lot.number})"
            value = line._gold_sign * line.gold_hallmark
            if mode == 'service':
                if rate is None:
                    terms = company.gold_hallmark_terms(date=sale.date)
                    rate = sum((t.rate for t in terms), Decimal(0)) * 100
                rows.append((name, sac, value, f"{rate.normalize():f}%"))
            else:
                rows.append((name, '', value, "outside GST"))
        return rows

    @staticmethod
    def lang(sale):
        "The language of the bill's documents: the shop's"
        return sale.company.party.lang or Pool().get('ir.lang').get()

    @classmethod
    def original_invoices(cls, sale):
        """The number and date of each invoice a return bill credits, as a
        credit note names them (CGST rule 53)"""
        lang = cls.lang(sale)
        sold = {l.gold_return_of.sale for l in sale.lines if l.gold_return_of}
        return ', '.join(gettext(
                'gold_sale_point.msg_original_invoice', number=s.number,
                date=lang.strftime(s.date))
            for s in sorted(sold, key=lambda s: s.number))

    @classmethod
    def document_kind(cls, sale):
        """A bill without lines is an old gold purchase: it gets a voucher;
        a return bill gets a credit note"""
        kind = sale.gold_document_kind
        if cls._kind != 'estimate' and kind == 'voucher':
            return kind
        if cls._kind == 'invoice':
            return kind
        return cls._kind

    @staticmethod
    def state(subdivision):
        "A state as a GST document names it: its name and GST state code"
        if not subdivision:
            return ''
        code = GST_STATE_CODES.get(subdivision.code)
        return f'{subdivision.name} ({code})' if code else subdivision.name

    @classmethod
    def place_of_supply(cls, sale):
        """The bill's place of supply: the shop's state over the counter,
        another state's for goods shipped there"""
        return cls.state(sale.gold_place_of_supply or shop_state(
                sale.point, sale.company))

    @classmethod
    def party_state(cls, party):
        "The state of party's invoice address"
        address = party.address_get() if party else None
        return cls.state(address.subdivision if address else None)

    @staticmethod
    def stone_rows(sale):
        """Return [(piece, type, pieces, carats, rate, per, certificate,
        amount)] of the bill's stones: as sold once the bill is numbered,
        the pieces' own on an estimate"""
        rows = []
        for line in sale.lines:
            stones = line.gold_stones_sold
            if not stones and not sale.number and line.lot:
                stones = line.lot.gold_stones
            for stone in stones:
                certificate = ' '.join(filter(None, [
                            stone.certificate_lab, stone.certificate_number]))
                rows.append((line.lot.number if line.lot else '',
                        stone.stone_type_string, stone.pieces, stone.carats,
                        stone.rate, stone.rate_per_string, certificate,
                        stone.amount))
        return rows

    @classmethod
    def quantity(cls, line):
        "The line's quantity and unit quantity code: 1 PCS, 10.000 GMS"
        lang = cls.lang(line.sale)
        unit = line.unit
        uqc = UQC.get(unit.symbol, unit.symbol.upper()) if unit else ''
        digits = unit.digits if unit else 0
        return f'{lang.format_number(abs(line.quantity), digits)} {uqc}'

    @staticmethod
    def gst_lines(sale):
        "Return [(tax, base, amount)] of the bill as it posts them"
        taxes = {}
        for taxline in sale._get_taxes().values():
            base, amount = taxes.get(taxline.tax, (Decimal(0), Decimal(0)))
            taxes[taxline.tax] = (
                base + taxline.base, amount + taxline.amount)
        return [(tax, base, amount)
            for tax, (base, amount) in sorted(
                taxes.items(), key=lambda t: t[0].name)]

    @staticmethod
    def identifier(party, type_):
        "Return the code of party's identifier of type_ (in_vat, in_pan)"
        if party:
            for identifier in party.identifiers:
                if identifier.type == type_:
                    return identifier.code
        return ''

    @classmethod
    def buyer_pan(cls, party):
        "Return the PAN printed for the buyer party"
        return cls.identifier(party, 'in_pan')


class InvoiceReport(CounterReport):
    __name__ = 'sale.point.sale.invoice'
    _kind = 'invoice'

    @classmethod
    def execute(cls, ids, data):
        "A tax invoice is printed for a paid, numbered bill only"
        Sale = Pool().get('sale.point.sale')
        for sale in Sale.browse(ids):
            if not sale.number:
                raise ReportError(gettext(
                        'gold_sale_point.msg_invoice_not_paid',
                        sale=sale.rec_name))
        return super().execute(ids, data)


class EstimateReport(CounterReport):
    __name__ = 'sale.point.sale.estimate'
    _kind = 'estimate'

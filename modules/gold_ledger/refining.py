"""Old metal to the refinery or to melting: the old gold bought at the
counters, kept in lots by purity, is issued to a refinery (or a melter);
fine gold or bars come back at their actual purity. Closing the refining
records the difference between the fine weight expected and the fine
weight returned, and writes it off the refinery's metal ledger."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.gold_product.product import WEIGHT
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .exceptions import RefiningError
from .ledger import MetalDocument

ZERO = Decimal('0.000')
_draft = {'readonly': Eval('state') != 'draft'}


class Refining(MetalDocument, Workflow, ModelSQL, ModelView):
    __name__ = 'gold.refining'
    __string__ = "Refining"

    company = fields.Many2One(
        'company.company', "Company", required=True, states=_draft)
    reference = fields.Char(
        "Reference", states=_draft,
        help="The refinery's or melter's lot or voucher number.")
    party = fields.Many2One(
        'party.party', "Refinery", required=True, states=_draft,
        context={'company': Eval('company', -1)}, depends={'company'})
    date = fields.Date("Date", required=True, states=_draft)
    issues = fields.One2Many(
        'gold.metal.transfer', 'refining', "Metal Issued",
        filter=[('kind', '=', 'issue')], states=_draft,
        domain=[
            ('party', '=', Eval('party', -1)),
            ('kind', '=', 'issue'),
            ],
        help="The old metal sent, lot by lot.")
    returns = fields.One2Many(
        'gold.metal.transfer', 'refining', "Metal Returned",
        filter=[('kind', '=', 'receipt')], states=_draft,
        domain=[
            ('party', '=', Eval('party', -1)),
            ('kind', '=', 'receipt'),
            ],
        help="The fine gold or bars that came back, at their actual "
        "purity.")
    expected_fine = fields.Function(fields.Numeric(
            "Expected Fine", digits=WEIGHT), 'get_fine')
    actual_fine = fields.Function(fields.Numeric(
            "Actual Fine", digits=WEIGHT), 'get_fine')
    difference = fields.Function(fields.Numeric(
            "Difference", digits=WEIGHT,
            help="Actual less expected fine weight: below zero, a loss."),
        'get_fine')
    difference_percent = fields.Function(fields.Numeric(
            "Difference %", digits=(16, 2)), 'get_fine')
    ledger_line = fields.Many2One(
        'gold.ledger.line', "Ledger Line", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('done', "Done"),
            ], "State", readonly=True, required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {('draft', 'done')}
        cls._buttons.update({
                'do': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })

    def get_rec_name(self, name):
        return '%s %s' % (self.party.rec_name, self.reference or self.id)

    @staticmethod
    def _fine(transfers):
        return sum(
            (t.on_change_with_fine_weight() or ZERO for t in transfers),
            ZERO)

    @classmethod
    def get_fine(cls, refinings, names):
        result = {n: {} for n in names}
        for refining in refinings:
            expected = cls._fine(refining.issues)
            actual = cls._fine(refining.returns)
            values = {
                'expected_fine': expected,
                'actual_fine': actual,
                'difference': actual - expected,
                'difference_percent': (
                    ((actual - expected) * 100 / expected).quantize(
                        Decimal('0.01')) if expected else None),
                }
            for name in names:
                result[name][refining.id] = values[name]
        return result

    @classmethod
    def check_refinings(cls, refinings):
        "A refining closes with metal issued and returned, all moved"
        for refining in refinings:
            if not refining.issues or not refining.returns:
                raise RefiningError(gettext(
                        'gold_ledger.msg_refining_incomplete',
                        refining=refining.rec_name))
            for transfer in refining.issues + refining.returns:
                if transfer.state != 'done':
                    raise RefiningError(gettext(
                            'gold_ledger.msg_refining_transfer_not_done',
                            refining=refining.rec_name,
                            transfer=transfer.rec_name))

    def get_ledger_line(self):
        """The difference written off the refinery's ledger: it held the
        metal expected and gave back the metal returned"""
        metal = self.issues[0].metal
        return {
            'company': self.company.id,
            'party': self.party.id,
            'metal': metal.id,
            'date': self.date,
            'description': gettext(
                'gold_ledger.msg_refining_difference',
                refining=self.rec_name),
            'origin': str(self),
            'fine_weight': self.difference,
            }

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, refinings):
        Line = Pool().get('gold.ledger.line')
        cls.check_refinings(refinings)
        lines = Line.post([r.get_ledger_line() for r in refinings])
        for refining, line in zip(refinings, lines):
            refining.ledger_line = line
        cls.save(refinings)


class MetalTransfer(metaclass=PoolMeta):
    __name__ = 'gold.metal.transfer'

    refining = fields.Many2One(
        'gold.refining', "Refining", ondelete='RESTRICT',
        states={'readonly': Eval('state') != 'draft'})

    @fields.depends('refining', '_parent_refining.party',
        '_parent_refining.date')
    def on_change_refining(self):
        if self.refining:
            self.party = self.refining.party
            self.date = self.refining.date


class LedgerLine(metaclass=PoolMeta):
    __name__ = 'gold.ledger.line'

    @classmethod
    def _get_origins(cls):
        return super()._get_origins() + ['gold.refining']

"Helpers for scenarios, the demo and the benchmarks: the jewellery chart"
from proteus import Model, Wizard

__all__ = ['CHART_NAME', 'create_jewellery_chart']

CHART_NAME = 'Jewellery Retail Chart of Accounts (India)'


def create_jewellery_chart(company, config=None):
    """Create the jewellery chart of accounts for company, with receivable
    12001, payable 21001 and, when account_product is activated, category
    accounts 51001 (sales) and 41001 (cost of goods sold)"""
    AccountTemplate = Model.get('account.account.template', config=config)
    Account = Model.get('account.account', config=config)
    template, = AccountTemplate.find([
            ('parent', '=', None), ('name', '=', CHART_NAME)])
    chart = Wizard('account.create_chart', config=config)
    chart.execute('account')
    chart.form.account_template = template
    chart.form.company = company
    chart.execute('create_account')

    def account(code):
        return Account.find([('code', '=', code)])[0]
    chart.form.account_receivable = account('12001')
    chart.form.account_payable = account('21001')
    if hasattr(chart.form, 'category_account_revenue'):
        chart.form.category_account_revenue = account('51001')
        chart.form.category_account_expense = account('41001')
    chart.execute('create_properties')
    return chart

from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction


class GoldProductTestCase(ModuleTestCase):
    "Test Gold Product module"
    module = 'gold_product'

    @with_transaction()
    def test_gram_weighs_milligrams(self):
        """Tryton's gram has 3 digits: an old gold stock move of 16.983 g
        (17.155 g less 1% melting loss) is valid; 4 digits are not"""
        pool = Pool()
        Uom = pool.get('product.uom')
        ModelData = pool.get('ir.model.data')
        gram = Uom(ModelData.get_id('product', 'uom_gram'))
        self.assertEqual(
            (gram.rounding, gram.digits), (0.001, 3))
        self.assertEqual(gram.round(16.98345), 16.983)
        kilogram = Uom(ModelData.get_id('product', 'uom_kilogram'))
        self.assertEqual(kilogram.digits, 2)

del ModuleTestCase

"""The catalogue of standard indicators: its IATI codes exist in the shipped codelist, which
is itself valid against IATI's codelist schema; its units and damage sectors are ours."""

from pathlib import Path

from lxml import etree

from imar.needs.enums import PdnaSector
from imar.results.catalogue import CATALOGUE
from imar.results.enums import UNIT_MEASURE, Measure, Unit

ROOT = Path(__file__).resolve().parents[2] / "imar"
CODELIST = ROOT / "results/codelists/IndicatorVocabulary.xml"
CODELIST_SCHEMA = ROOT / "opendata/schemas/iati/codelists/codelist.xsd"


def test_shipped_codelist_is_valid():
    schema = etree.XMLSchema(etree.parse(str(CODELIST_SCHEMA)))
    assert schema.validate(etree.parse(str(CODELIST))), schema.error_log


def test_catalogue_codes_are_in_the_codelist_and_enums():
    codes = set(etree.parse(str(CODELIST)).xpath("//codelist-item/code/text()"))
    assert {"9", "99"} <= codes
    for item in CATALOGUE:
        assert item.unit in Unit.values and item.measure in Measure.values
        assert UNIT_MEASURE.get(item.unit, item.measure) == item.measure
        assert not item.damage_sector or item.damage_sector in PdnaSector.values
        if item.iati_vocabulary:
            assert item.iati_vocabulary in codes and item.iati_code
    assert len({item.code for item in CATALOGUE}) == len(CATALOGUE)

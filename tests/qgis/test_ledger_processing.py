"""farmland_guard:balance and farmland_guard:illegalratio through Processing on real files —
CSV, xlsx and GeoPackage tables as QGIS opens them, and a work store — with the figures worked
out by hand in the comments."""

import datetime as dt
import sqlite3

import openpyxl
import processing
import pytest
from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from farmland_guard.store import gpkg
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture(autouse=True)
def shape_encoding():
    """QGIS opening a table through OGR sets GDAL's SHAPE_ENCODING to '' for the process (see
    processing.precheck.gdal_source): put it back, so later tests read shapefiles as before."""
    from osgeo import gdal

    before = gdal.GetConfigOption("SHAPE_ENCODING")
    yield
    gdal.SetConfigOption("SHAPE_ENCODING", before)

RESERVE = """XMBH,XZQDM,RKRQ,BCGDMJ,BCSTMJ,ZLDB
R1,410724,2023-01-10,10,4,3
R2,410724,2023-03-01,5,0,1
R3,410725,2023-01-01,3,1,5
R4,410725,2023-06-01,4,0,1
"""
# 产能 (national coefficients 1 − 0.05 (g − 1)): R1 10 × 0.90 = 9, R2 5, R3 3 × 0.80 = 2.4, R4 4
OCCUPATIONS = [("XMBH", "XZQDM", "PZRQ", "ZYGDMJ", "ZYSTMJ", "ZLDB"),
               ("O1", "410724", dt.date(2023, 2, 1), 6, 3, 3),  # CN 6 × 0.90 = 5.4
               ("O2", "410724", dt.date(2023, 4, 1), 8, 2, 1),  # CN 8
               ("O3", "410725", dt.date(2023, 2, 1), 5, 0, 5)]  # CN 5 × 0.80 = 4


def write_csv(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return str(path)


def write_gpkg(path, fields, rows):
    """A GeoPackage table without geometry, written by GDAL."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer(path.stem, None, ogr.wkbNone)
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (name, _), value in zip(fields, row):
            feature.SetField(name, value)
        layer.CreateFeature(feature)
    ds = None
    return str(path)


def as_layer(output):
    """An output as Processing hands it: a layer (TEMPORARY_OUTPUT) or a file's source."""
    return output if isinstance(output, QgsVectorLayer) else QgsVectorLayer(output)


def features(output, key):
    layer = as_layer(output)
    return {f[key]: {n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()}


@pytest.fixture()
def inputs(tmp_path):
    illegal = write_gpkg(tmp_path / "违法图斑.gpkg",
                         [("JCBH", ogr.OFTString), ("XZQDM", ogr.OFTString),
                          ("WFGDMJ", ogr.OFTReal), ("WFSTMJ", ogr.OFTReal),
                          ("ZLDB", ogr.OFTInteger), ("ND", ogr.OFTInteger),
                          ("ZGZT", ogr.OFTString)],
                         [("J1", "410724", 2.0, 0.0, 1, 2023, "未整改")])  # CN 2
    return {"RESERVE": write_csv(tmp_path / "储备库.csv", RESERVE),
            "OCCUPATIONS": write_xlsx(tmp_path / "占用.xlsx", OCCUPATIONS),
            "ILLEGAL": illegal}


def test_the_county_table_as_worked_out_by_hand(inputs, tmp_path):
    xlsx = tmp_path / "台账.xlsx"
    result = processing.run("farmland_guard:balance", {
        **inputs, "OUTPUT": "TEMPORARY_OUTPUT", "ALLOCATIONS": "TEMPORARY_OUTPUT",
        "FREEZES": "TEMPORARY_OUTPUT", "SHORTFALLS": "TEMPORARY_OUTPUT", "XLSX": str(xlsx)})
    rows = features(result["OUTPUT"], "XZQDM")
    # 410724. O1 (02-01) may use R1 only: GD 6, ST 3, CN 5.4 of R1 (R1 keeps 4, 1, 3.6).
    # O2 (04-01): GD 8 = R1 4 + R2 4 (R2 keeps 1); ST 2 = R1 1, 1 short (R2 has none);
    # CN 8 = R1 3.6 + R2 4.4 (R2 keeps 0.6). J1 freezes GD 2: R2's 1, 1 short; CN 2: R2's 0.6,
    # 1.4 short. KC 15/4/14, XH 14/4/13.4, DJ 1/0/0.6, KY 0/0/0, QK 1/1/1.4.
    assert rows["410724"] == {
        "JB": "县", "XZQDM": "410724", "KC_GD": 15, "KC_ST": 4, "KC_CN": 14,
        "XH_GD": 14, "XH_ST": 4, "XH_CN": 13.4, "DJ_GD": 1, "DJ_ST": 0, "DJ_CN": 0.6,
        "KY_GD": 0, "KY_ST": 0, "KY_CN": 0, "QK_GD": 1, "QK_ST": 1, "QK_CN": 1.4,
        "XBHZ_WG": 0, "PH": "否"}
    # 410725. O3 (02-01) may use R3 only: GD 3 of 5 (2 short), CN 2.4 of 4 (1.6 short); R4
    # (06-01) still holds 4 and 4: 先补后占 violated. KC 7/1/6.4, XH 3/0/2.4, KY 4/1/4.
    assert rows["410725"] == {
        "JB": "县", "XZQDM": "410725", "KC_GD": 7, "KC_ST": 1, "KC_CN": 6.4,
        "XH_GD": 3, "XH_ST": 0, "XH_CN": 2.4, "DJ_GD": 0, "DJ_ST": 0, "DJ_CN": 0,
        "KY_GD": 4, "KY_ST": 1, "KY_CN": 4, "QK_GD": 2, "QK_ST": 0, "QK_CN": 1.6,
        "XBHZ_WG": 1, "PH": "否"}
    # the city and the province: the two counties added (KC_GD 15 + 7, QK_CN 1.4 + 1.6)
    for code in ("410700", "410000"):
        assert (rows[code]["KC_GD"], rows[code]["QK_CN"], rows[code]["XBHZ_WG"]) == (22, 3, 1)
    assert [rows[c]["JB"] for c in ("410700", "410000")] == ["市", "省"]
    fields = as_layer(result["OUTPUT"]).fields()
    kc, count = fields.field("KC_GD"), fields.field("XBHZ_WG")
    assert (kc.type(), kc.precision(), count.type()) == (QVariant.Double, 4, QVariant.Int)
    freezes = as_layer(result["FREEZES"])
    assert sorted((f["JCBH"], f["TZ"], f["CBXMBH"], f["SL"], f["ZT"])
                  for f in freezes.getFeatures()) == [("J1", "产能", "R2", 0.6, "冻结"),
                                                      ("J1", "数量", "R2", 1, "冻结")]
    shortfalls = as_layer(result["SHORTFALLS"])
    assert sorted((f["XMBH"], f["LB"], f["TZ"], f["SL"], f["XBHZ"])
                  for f in shortfalls.getFeatures()) == [
        ("J1", "冻结", "产能", 1.4, "否"), ("J1", "冻结", "数量", 1, "否"),
        ("O2", "占用", "水田", 1, "否"), ("O3", "占用", "产能", 1.6, "是"),
        ("O3", "占用", "数量", 2, "是")]
    allocations = as_layer(result["ALLOCATIONS"])
    assert sum(f["SL"] for f in allocations.getFeatures() if f["TZ"] == "数量") == 17  # 14 + 3
    assert result["XLSX"] == str(xlsx)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["县市省汇总", "分配明细", "冻结清单", "缺口清单", "进出平衡", "永农流出",
                               "增违挂钩"]
    sheet = book["县市省汇总"]
    first = dict(zip([c.value for c in sheet[2]], [c.value for c in sheet[3]]))
    assert first["XZQDM"] == "410724" and first["XH_CN"] == pytest.approx(13.4)
    assert sheet["C3"].number_format == "0.0000"
    quota = list(book["增违挂钩"].iter_rows(min_row=3, values_only=True))
    assert quota == [("410724", 2023, 2024, 2, 2, 0, 0, 2)]  # withheld 2, pending its 整改


def test_flows_and_a_region_table(inputs, tmp_path):
    flows = write_csv(tmp_path / "进出.csv", "XZQDM,ND,LX,YDLBM,XDLBM,MJ,STMJ,ZLDB,SFJBNT\n"
                      "410724,2023,流出,0101,0201,2,0,1,是\n"
                      "410724,2023,流入,0201,0103,1.5,0,1,否\n")
    regions = write_csv(tmp_path / "区划.csv", "XZQDM,SJDM\n410725,410000\n")
    result = processing.run("farmland_guard:balance", {
        **inputs, "FLOWS": flows, "REGIONS": regions, "OUTPUT": "TEMPORARY_OUTPUT",
        "ALLOCATIONS": "TEMPORARY_OUTPUT", "FREEZES": "TEMPORARY_OUTPUT",
        "SHORTFALLS": "TEMPORARY_OUTPUT", "XLSX": str(tmp_path / "b.xlsx")})
    rows = features(result["OUTPUT"], "XZQDM")
    assert rows["410700"]["KC_GD"] == 15  # 410725 now sits under the province directly
    assert rows["410000"]["KC_GD"] == 22
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["进出平衡"]
    flow = dict(zip([c.value for c in sheet[2]], [c.value for c in sheet[3]]))
    # 2023 is before the 2024 cut-over: 进出平衡 on its own, 1.5 in < 2 out: not balanced
    assert (flow["ZD"], flow["OUT_GD"], flow["IN_GD"], flow["JBNT_WG"], flow["PH"]) == (
        "进出平衡", 2, 1.5, 1, "否")
    violations = list(openpyxl.load_workbook(tmp_path / "b.xlsx")["永农流出"].iter_rows(
        min_row=3, values_only=True))
    assert violations == [("进出.csv#1", "410724", 2023, "0101", "0201", 2, 0, 2)]


def test_a_bad_table_names_the_file_row_and_field(inputs, tmp_path):
    bad = write_csv(tmp_path / "坏储备.csv", RESERVE.replace("R3,410725,2023-01-01,3,",
                                                            "R3,410725,2023-01-01,-3,"))
    occupations = [*OCCUPATIONS]
    occupations[2] = ("O2", "410724", "2023-02-30", 8, 2, 1)  # row 2: no such day
    bad_too = write_xlsx(tmp_path / "坏占用.xlsx", occupations)
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("farmland_guard:balance", {
            **inputs, "RESERVE": bad, "OCCUPATIONS": bad_too, "OUTPUT": "TEMPORARY_OUTPUT",
            "ALLOCATIONS": "TEMPORARY_OUTPUT", "FREEZES": "TEMPORARY_OUTPUT",
            "SHORTFALLS": "TEMPORARY_OUTPUT"})
    # both tables read, their problems told together
    assert str(caught.value).startswith("2 problems in the input tables, nothing computed")
    assert "坏储备.csv, row 3, BCGDMJ: negative area -3" in str(caught.value)
    assert "坏占用.xlsx, row 2, PZRQ: '2023-02-30' is not a date" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_a_work_store_as_the_judged_patches(store, inputs):
    with sqlite3.connect(store) as conn:
        jcbh, county = conn.execute("SELECT JCBH, XZQDM FROM patches WHERE TBMJ_MU > 2 "
                                    "ORDER BY JCBH").fetchone()
    with gpkg.connect(store) as conn:
        conn.execute("UPDATE patches SET GDDB = '1', ND = '2023' WHERE JCBH = ?", (jcbh,))
    with WorkStore(store) as ws:
        Verdicts(ws).save(jcbh, {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 1.5,
                                 "WFGDMJ": 1.25, "WFSTMJ": 0})
    reserve = write_csv(store.with_name("储备.csv"), "XMBH,XZQDM,RKRQ,BCGDMJ,BCSTMJ,ZLDB\n"
                        f"R9,{county},2023-01-01,4,0,1\n")
    occupations = write_csv(store.with_name("占用.csv"), "XMBH,XZQDM,PZRQ,ZYGDMJ,ZYSTMJ,ZLDB\n"
                            "O9,990101,2023-01-01,1,0,1\n")  # another county
    result = processing.run("farmland_guard:balance", {
        "RESERVE": reserve, "OCCUPATIONS": occupations, "ILLEGAL": str(store),
        "OUTPUT": "TEMPORARY_OUTPUT",
        "ALLOCATIONS": "TEMPORARY_OUTPUT", "FREEZES": "TEMPORARY_OUTPUT",
        "SHORTFALLS": "TEMPORARY_OUTPUT"})
    freezes = as_layer(result["FREEZES"])
    # R9 holds 4: the 1.25 亩 (CN 1.25 × 1.0, grade 1) of the store's 违法 patch are frozen there
    assert sorted((f["JCBH"], f["XZQDM"], f["TZ"], f["CBXMBH"], f["SL"])
                  for f in freezes.getFeatures()) == [(jcbh, county, "产能", "R9", 1.25),
                                                      (jcbh, county, "数量", "R9", 1.25)]
    assert ratio_rows(str(store))[county]["WFGDMJ"] == 1.25  # the ratio from the same store
    # a layer of the store is the store too
    assert ratio_rows(f"{store}|layername=patches")[county]["WFGDMJ"] == 1.25


RATIO_ILLEGAL = """JCBH,XZQDM,ND,PDLX,WFGDMJ,GDMJ,SFZDGC
J1,410724,2023,违法,120,130,否
J2,410724,2023,违法,30,30,是
J3,410724,2023,合法,0,850,
J4,410725,2023,违法,5,5,否
"""


def ratio_rows(illegal, denominators=None, xlsx=None):
    parameters = {"ILLEGAL": illegal, "OUTPUT": "TEMPORARY_OUTPUT"}
    if denominators:
        parameters["DENOMINATORS"] = denominators
    if xlsx:
        parameters["XLSX"] = str(xlsx)
    result = processing.run("farmland_guard:illegalratio", parameters)
    layer = as_layer(result["OUTPUT"])
    return {f["XZQDM"]: {n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()}


def test_the_ratio_with_a_table_denominator(tmp_path):
    illegal = write_csv(tmp_path / "判定.csv", RATIO_ILLEGAL)
    denominators = write_csv(tmp_path / "分母.csv", "XZQDM,ND,XZJSZYGDMJ\n410724,2023,1000\n")
    rows = ratio_rows(illegal, denominators, tmp_path / "r.xlsx")
    # 410724: J2 is a key project, left out: 120 ÷ 1000 = 12 % ≥ 10 %: 预警, not 约谈
    assert {k: rows["410724"][k] for k in ("ND", "WFGDMJ", "XZJSZYGDMJ", "FMLY", "BL", "YJ",
                                            "YT")} == {
        "ND": 2023, "WFGDMJ": 120, "XZJSZYGDMJ": 1000, "FMLY": "表", "BL": 0.12, "YJ": "预警",
        "YT": "否"}
    # 410725 has no row: computed from its patches, 5 ÷ 5 = 100 %: 问责, but 5 亩 ≤ 100: no 约谈
    assert (rows["410725"]["FMLY"], rows["410725"]["BL"], rows["410725"]["YJ"],
            rows["410725"]["YT"]) == ("计算", 1, "问责", "否")
    # the city: (120 + 5) ÷ (1000 + 5) = 0.124378
    assert (rows["410700"]["BL"], rows["410700"]["FMLY"]) == (pytest.approx(0.124378), "汇总")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["违法占用耕地比例"]
    assert sheet["H3"].value == pytest.approx(0.12) and sheet["H3"].number_format == "0.00%"


def test_the_ratio_with_a_computed_denominator(tmp_path):
    rows = ratio_rows(write_csv(tmp_path / "判定.csv", RATIO_ILLEGAL))
    # 耕地 of the patches judged 合法 or 违法 as construction: 130 + 30 + 850 = 1010;
    # 120 ÷ 1010 = 0.118812 (≥ 10 %: 预警)
    assert (rows["410724"]["XZJSZYGDMJ"], rows["410724"]["FMLY"], rows["410724"]["BL"],
            rows["410724"]["YJ"]) == (1010, "计算", pytest.approx(0.118812), "预警")
    output = processing.run("farmland_guard:illegalratio", {
        "ILLEGAL": str(tmp_path / "判定.csv"), "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert (output.fields().field("BL").precision(), output.fields().field("WFGDMJ").precision(),
            output.fields().field("ND").type()) == (6, 4, QVariant.Int)


def test_qgis_process_runs_the_ratio(tmp_path, qgis_process):
    illegal = write_csv(tmp_path / "判定.csv", RATIO_ILLEGAL)
    out = tmp_path / "比例.gpkg"
    done = qgis_process("run", "farmland_guard:illegalratio", "--", f"ILLEGAL={illegal}",
                        f"OUTPUT={out}", f"XLSX={tmp_path / 'r.xlsx'}")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = features(QgsVectorLayer(str(out)), "XZQDM")
    assert rows["410724"]["BL"] == pytest.approx(0.118812)
    assert (tmp_path / "r.xlsx").exists()


def test_tables_with_fields_named_otherwise(inputs, tmp_path):
    chinese = write_csv(tmp_path / "储备库（中文）.csv", RESERVE.replace(
        "XMBH,XZQDM,RKRQ,BCGDMJ,BCSTMJ,ZLDB", "项目编号,行政区代码,入库日期,补充耕地,水田,ZLDB"))
    outputs = {"OUTPUT": "TEMPORARY_OUTPUT", "ALLOCATIONS": "TEMPORARY_OUTPUT",
               "FREEZES": "TEMPORARY_OUTPUT", "SHORTFALLS": "TEMPORARY_OUTPUT"}
    result = processing.run("farmland_guard:balance", {
        **inputs, **outputs, "RESERVE": chinese,
        "RESERVE_FIELDS": "XMBH=项目编号; xzqdm=行政区代码;RKRQ=入库日期;BCGDMJ=补充耕地;BCSTMJ=水田"})
    rows = features(result["OUTPUT"], "XZQDM")  # the figures of the national names
    assert (rows["410724"]["KC_GD"], rows["410724"]["XH_CN"], rows["410724"]["QK_ST"]) == (
        15, 13.4, 1)
    assert (rows["410725"]["KY_GD"], rows["410725"]["XBHZ_WG"]) == (4, 1)
    algorithm = QgsApplication.processingRegistry().algorithmById("farmland_guard:balance")
    assert "RESERVE_FIELDS" in algorithm.shortHelpString()
    assert algorithm.parameterDefinition("FLOWS_FIELDS").flags() & \
        QgsProcessingParameterDefinition.FlagOptional

    with pytest.raises(QgsProcessingException, match="RESERVE_FIELDS.*入库时间"):
        processing.run("farmland_guard:balance", {
            **inputs, **outputs, "RESERVE": chinese,
            "RESERVE_FIELDS": "XMBH=项目编号;XZQDM=行政区代码;RKRQ=入库时间;BCGDMJ=补充耕地"})
    with pytest.raises(QgsProcessingException, match="RESERVE_FIELDS.*XMBH:项目编号"):
        processing.run("farmland_guard:balance", {
            **inputs, **outputs, "RESERVE": chinese, "RESERVE_FIELDS": "XMBH:项目编号"})
    with pytest.raises(QgsProcessingException, match="OCCUPATIONS_FIELDS.*RKRQ"):
        processing.run("farmland_guard:balance", {
            **inputs, **outputs, "OCCUPATIONS_FIELDS": "RKRQ=PZRQ"})


def test_the_ratio_with_a_denominator_named_in_chinese(tmp_path):
    illegal = write_csv(tmp_path / "判定.csv", RATIO_ILLEGAL)
    denominators = write_csv(tmp_path / "分母.csv", "县代码,年度,新增占用\n410724,2023,1000\n")
    result = processing.run("farmland_guard:illegalratio", {
        "ILLEGAL": illegal, "DENOMINATORS": denominators, "OUTPUT": "TEMPORARY_OUTPUT",
        "DENOMINATORS_FIELDS": "XZQDM=县代码;ND=年度;XZJSZYGDMJ=新增占用"})
    rows = features(result["OUTPUT"], "XZQDM")
    assert (rows["410724"]["FMLY"], rows["410724"]["BL"]) == ("表", 0.12)  # 120 ÷ 1000

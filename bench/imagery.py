"""Synthetic before/after imagery (GeoTIFF) over the densest patch area of the demo county.

Land use is painted with seasonal colours (autumn sowing before, spring wheat after), fields
get furrows and per-field tone, and the after image shows what each change patch became.
"""

from __future__ import annotations

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

gdal.UseExceptions()

WINDOW_M = 5000.0
PIXEL_M = 2.5
BEFORE_DATE, AFTER_DATE = "20241015", "20250320"

# Colour classes and their (before, after) RGB.
CLASSES = {
    "paddy": ((120, 110, 80), (80, 120, 95)),
    "cropland": ((150, 135, 100), (95, 150, 65)),
    "orchard": ((95, 110, 60), (70, 125, 55)),
    "forest": ((60, 85, 50), (55, 100, 50)),
    "grass": ((140, 140, 95), (120, 150, 80)),
    "village": ((150, 140, 135), (150, 140, 135)),
    "urban": ((175, 170, 165), (175, 170, 165)),
    "road": ((200, 198, 190), (200, 198, 190)),
    "water": ((55, 80, 95), (60, 90, 105)),
    "bare": ((175, 155, 120), (170, 150, 115)),
    "facility": ((196, 200, 205), (196, 200, 205)),
    "roof": ((70, 110, 170), (70, 110, 170)),
    "concrete": ((215, 212, 205), (215, 212, 205)),
    "soil": ((160, 120, 80), (160, 120, 80)),
    "solar": ((35, 45, 80), (35, 45, 80)),
    "quarry": ((190, 180, 160), (190, 180, 160)),
}
CLASS_ID = {name: i + 1 for i, name in enumerate(CLASSES)}
TEXTURED = {"paddy", "cropland", "orchard"}


def landuse_class(code: str) -> str:
    if code in ("0101",):
        return "paddy"
    if code in ("0102", "0103", "1203"):
        return "cropland"
    if code.startswith("02"):
        return "orchard"
    if code.startswith("03"):
        return "forest"
    if code.startswith("04") or code in ("1201", "1204", "1205"):
        return "grass"
    if code in ("0702", "1202"):
        return "village" if code == "0702" else "facility"
    if code.startswith(("05", "06", "07", "08", "09")) or code in ("1004", "1005", "1109"):
        return "urban"
    if code == "1006":  # 农村道路: dirt tracks between fields
        return "bare"
    if code.startswith("10"):
        return "road"
    if code.startswith("11"):
        return "water"
    return "bare"


def patch_class(tblx: str) -> str:
    return {
        "20": "roof", "YH": "concrete", "DT": "soil", "TD": "soil", "TP": "soil", "LT": "soil",
        "WL": "quarry", "CK": "quarry", "DL1": "road", "DL2": "soil", "DL3": "road",
        "ND": "road", "GF": "solar", "SM": "water", "KT": "water", "SK": "water",
        "GQ": "water", "HL": "water", "01": "cropland", "1": "cropland", "02": "orchard",
        "03": "forest", "04": "grass",
    }.get(tblx, "concrete")


def densest_window(patches):
    """The WINDOW_M square holding the most patch centroids."""
    xy = shapely.get_coordinates(shapely.centroid(patches.geometry.values))
    cells = np.floor(xy / (WINDOW_M / 2)).astype(int)
    keys, counts = np.unique(cells, axis=0, return_counts=True)
    best = (keys[np.argmax(counts)] + 0.5) * (WINDOW_M / 2)
    half = WINDOW_M / 2
    return best[0] - half, best[1] - half, best[0] + half, best[1] + half


def rasterize(geoms, values, window, size, srs):
    """Burn integer ``values`` of ``geoms`` into a size×size Int32 array (0 = nothing)."""
    driver = ogr.GetDriverByName("Memory")
    source = driver.CreateDataSource("burn")
    layer = source.CreateLayer("burn", srs, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("V", ogr.OFTInteger))
    definition = layer.GetLayerDefn()
    for geom, value in zip(shapely.to_wkb(geoms), values):
        feature = ogr.Feature(definition)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geom)))
        feature.SetField("V", int(value))
        layer.CreateFeature(feature)
    target = gdal.GetDriverByName("MEM").Create("", size, size, 1, gdal.GDT_Int32)
    target.SetGeoTransform((window[0], PIXEL_M, 0, window[3], 0, -PIXEL_M))
    target.SetProjection(srs.ExportToWkt())
    gdal.RasterizeLayer(target, [1], layer, options=["ATTRIBUTE=V"])
    return target.GetRasterBand(1).ReadAsArray()


def paint(rng, class_grid, field_grid, after: bool):
    size = class_grid.shape[0]
    palette = np.zeros((len(CLASSES) + 1, 3))
    for name, colours in CLASSES.items():
        palette[CLASS_ID[name]] = colours[1 if after else 0]
    image = palette[class_grid]
    fields = field_grid.max() + 1
    tone = rng.normal(1.0, 0.08, fields)
    angle = rng.choice([0.0, np.pi / 2], fields) + rng.normal(0, 0.05, fields)
    rows, cols = np.mgrid[0:size, 0:size]
    textured = np.isin(class_grid, [CLASS_ID[c] for c in TEXTURED])
    furrows = 1 + 0.07 * np.sin((cols * np.cos(angle[field_grid]) +
                                 rows * np.sin(angle[field_grid])) * 1.9)
    image *= np.where(textured, tone[field_grid] * furrows, 1.0)[..., None]
    image += rng.normal(0, 5, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


def write_tiff(path, rgb, window, srs):
    size = rgb.shape[0]
    memory = gdal.GetDriverByName("MEM").Create("", size, size, 3, gdal.GDT_Byte)
    memory.SetGeoTransform((window[0], PIXEL_M, 0, window[3], 0, -PIXEL_M))
    memory.SetProjection(srs.ExportToWkt())
    for band in range(3):
        memory.GetRasterBand(band + 1).WriteArray(rgb[:, :, band])
    gdal.Translate(str(path), memory, creationOptions=[
        "TILED=YES", "COMPRESS=JPEG", "PHOTOMETRIC=YCBCR", "JPEG_QUALITY=85"])
    dataset = gdal.Open(str(path), gdal.GA_Update)
    dataset.BuildOverviews("AVERAGE", [2, 4, 8, 16])
    dataset = None


def render(out, rng, landuse, patches) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    window = densest_window(patches)
    size = int(WINDOW_M / PIXEL_M)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4526)
    box = shapely.box(*window)
    near = landuse.iloc[shapely.STRtree(landuse.geometry.values).query(box, predicate="intersects")]
    land_classes = [CLASS_ID[landuse_class(c)] for c in near["DLBM"]]
    class_grid = rasterize(near.geometry.values, land_classes, window, size, srs)
    field_grid = rasterize(near.geometry.values, np.arange(1, len(near) + 1), window, size, srs)
    before = paint(rng, class_grid, field_grid, after=False)
    changed = rasterize(patches.geometry.values,
                        [CLASS_ID[patch_class(t)] for t in patches["TBLX"]], window, size, srs)
    after_classes = np.where(changed > 0, changed, class_grid)
    after = paint(rng, after_classes, field_grid, after=True)
    files = {"before": f"QSX_{BEFORE_DATE}.tif", "after": f"HSX_{AFTER_DATE}.tif"}
    write_tiff(out / files["before"], before, window, srs)
    write_tiff(out / files["after"], after, window, srs)
    inside = shapely.intersects(patches.geometry.values, box)
    return {"files": files, "window": [round(v, 2) for v in window],
            "dates": {"before": BEFORE_DATE, "after": AFTER_DATE},
            "patches_in_window": int(inside.sum())}

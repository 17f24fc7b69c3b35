<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EllipsoidalAreaAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="35"/>
        <source>Ellipsoidal area in mu (CGCS2000)</source>
        <translation>椭球面积（亩，CGCS2000）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="38"/>
        <source>Adds the field TBMJ_MU: the area of each polygon on the CGCS2000 ellipsoid (a = 6378137, 1/f = 298.257222101) in mu (1 mu = 2000/3 m²), with 4 decimals, whatever the layer's CRS. Official areas are ellipsoidal, never planar.</source>
        <translation>添加字段 TBMJ_MU：每个面在 CGCS2000 椭球（a = 6378137，1/f = 298.257222101）上的面积，单位亩（1 亩 = 2000/3 平方米），保留 4 位小数，与图层坐标系无关。法定面积为椭球面积，而非平面面积。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="48"/>
        <source>Polygon layer</source>
        <translation>面图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="50"/>
        <source>With ellipsoidal area</source>
        <translation>含椭球面积</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="56"/>
        <source>Missing Python packages: {names}. Install them with: {command}</source>
        <translation>缺少 Python 依赖包：{names}。请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="63"/>
        <source>The input layer has no coordinate reference system; set it first.</source>
        <translation>输入图层没有坐标参考系，请先设置。</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardPlugin</name>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="60"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="68"/>
        <source>Patch list</source>
        <translation>图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="69"/>
        <source>Show or hide the list of change patches</source>
        <translation>显示或隐藏变化图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="70"/>
        <source>About farmland_guard…</source>
        <translation>关于 farmland_guard…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="130"/>
        <source>farmland_guard needs the Python packages {names}, which are missing from the QGIS Python. Install them with: {command} (on Windows, in the OSGeo4W Shell).</source>
        <translation>farmland_guard 需要 Python 依赖包 {names}，但 QGIS 的 Python 环境中没有。请用以下命令安装：{command}（Windows 上请在 OSGeo4W Shell 中运行）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="140"/>
        <source>About farmland_guard</source>
        <translation>关于 farmland_guard</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="140"/>
        <source>{name} {version}

{about}

Licence: GPL-2.0-or-later</source>
        <translation>{name} {version}

{about}

许可证：GPL-2.0-or-later</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardProvider</name>
    <message>
        <location filename="../farmland_guard/processing/provider.py" line="19"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
</context>
<context>
    <name>PatchDock</name>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="40"/>
        <source>Patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="54"/>
        <source>Filter by ID, type or county…</source>
        <translation>按监测编号、图斑类型或行政区筛选…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="111"/>
        <source>Select a polygon layer with a JCBH field in the Layers panel.</source>
        <translation>请在图层面板中选择含 JCBH（监测编号）字段的面图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="114"/>
        <source>Layer “{name}” is not a polygon layer ({kind}); patches are polygons.</source>
        <translation>图层“{name}”不是面图层（{kind}）；变化图斑应为面。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="120"/>
        <source>Layer “{name}” has no JCBH (patch ID) field, so it is not a patch layer.</source>
        <translation>图层“{name}”没有 JCBH（监测编号）字段，不是变化图斑图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="151"/>
        <source>Areas cannot be computed: the Python packages {names} are missing from the QGIS Python. Install them with: {command}</source>
        <translation>无法计算面积：QGIS 的 Python 环境中缺少依赖包 {names}。请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="157"/>
        <source>Layer “{name}” has no coordinate reference system, so its ellipsoidal areas cannot be computed. Set the layer CRS first.</source>
        <translation>图层“{name}”没有坐标参考系，无法计算椭球面积。请先设置图层坐标系。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="162"/>
        <source>Loading patches of {name}</source>
        <translation>正在加载“{name}”的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="166"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="185"/>
        <source>Layer “{name}” holds no patches.</source>
        <translation>图层“{name}”中没有图斑。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="192"/>
        <source>The patches of layer “{name}” could not be read: {error}</source>
        <translation>无法读取图层“{name}”的图斑：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="192"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="218"/>
        <source>{shown} of {total} patches, {area} mu</source>
        <translation>显示 {shown} / 共 {total} 个图斑，合计 {area} 亩</translation>
    </message>
</context>
<context>
    <name>PatchTableModel</name>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="118"/>
        <source>Patch ID (JCBH)</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="118"/>
        <source>Type (TBLX)</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="119"/>
        <source>County</source>
        <translation>行政区</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="118"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
</context>
</TS>

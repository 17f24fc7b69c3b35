<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BatchLabelAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="37"/>
        <source>Batch label patches</source>
        <translation>批量标注图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="40"/>
        <source>Gives one verdict to every patch of a work store that the filter expression selects. Patches already judged are skipped unless OVERWRITE is set. All verdicts are checked before anything is written: one invalid verdict and nothing is written. The change is one step in the history, undone in one step.</source>
        <translation>为工作库中筛选表达式选中的每个图斑给出同一判定。已判定的图斑会跳过，除非勾选“覆盖”。写入前先检查全部判定：只要有一个不合规则，就什么也不写入。此次修改在历史中为一步，可一步撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="47"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="49"/>
        <source>Patches to label (expression over the patches)</source>
        <translation>要标注的图斑（对图斑的筛选表达式）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="52"/>
        <source>Verdict (PDLX)</source>
        <translation>判定类型（PDLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="54"/>
        <source>Sub-type (HCHLX)</source>
        <translation>核查后类型（HCHLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="56"/>
        <source>Kind of violation (WFLX)</source>
        <translation>违法类型（WFLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="58"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="60"/>
        <source>Overwrite patches already judged</source>
        <translation>覆盖已判定的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="62"/>
        <source>Patches labelled</source>
        <translation>已标注图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="63"/>
        <source>Patches skipped</source>
        <translation>跳过图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>{store} is not a work store</source>
        <translation>{store} 不是工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="81"/>
        <source>The filter is not a valid expression: {error}</source>
        <translation>筛选条件不是有效的表达式：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="97"/>
        <source>{changed} patches labelled, {skipped} already judged and skipped.</source>
        <translation>已标注 {changed} 个图斑，{skipped} 个已判定而跳过。</translation>
    </message>
</context>
<context>
    <name>BatchLabelDialog</name>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="28"/>
        <source>Batch label</source>
        <translation>批量标注</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="33"/>
        <source>Rows selected in the queue</source>
        <translation>队列中选中的行</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="33"/>
        <source>Patches selected on the map</source>
        <translation>地图上选中的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="33"/>
        <source>Every patch the queue shows</source>
        <translation>队列筛选出的全部图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="33"/>
        <source>Patches an expression selects</source>
        <translation>表达式选出的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="40"/>
        <source>Overwrite patches already judged</source>
        <translation>覆盖已判定的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="41"/>
        <source>The form has no verdict: pick one first.</source>
        <translation>表单中还没有判定：请先选择。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="51"/>
        <source>Verdict from the form</source>
        <translation>表单中的判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="52"/>
        <source>Patches</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="53"/>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="78"/>
        <source>The expression is not valid: {error}</source>
        <translation>表达式无效：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="78"/>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="96"/>
        <source>{count} patches, {area} mu in all; {judged} already judged ({fate}). {changing} will change, as one step that Ctrl+Alt+Z undoes.</source>
        <translation>共 {count} 个图斑，合计 {area} 亩；其中 {judged} 个已判定（{fate}）。将修改 {changing} 个，作为一步操作，可用 Ctrl+Alt+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="98"/>
        <source>overwritten</source>
        <translation>将覆盖</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="98"/>
        <source>skipped</source>
        <translation>将跳过</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="108"/>
        <source>Illegal areas from each patch&apos;s precheck: {wfmj} mu, of it cultivated {wfgd} mu; counted toward the ratio: {counted}.</source>
        <translation>违法面积取各图斑套合结果：共 {wfmj} 亩，其中耕地 {wfgd} 亩；纳入违法计算：{counted} 个。</translation>
    </message>
</context>
<context>
    <name>BeforeAfterDock</name>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="30"/>
        <source>Before / after</source>
        <translation>前后时相</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="73"/>
        <source>Before</source>
        <translation>前时相</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="73"/>
        <source>After</source>
        <translation>后时相</translation>
    </message>
</context>
<context>
    <name>EllipsoidalAreaAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="34"/>
        <source>Ellipsoidal area in mu (CGCS2000)</source>
        <translation>椭球面积（亩，CGCS2000）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="37"/>
        <source>Adds the field TBMJ_MU: the area of each polygon on the CGCS2000 ellipsoid (a = 6378137, 1/f = 298.257222101) in mu (1 mu = 2000/3 m²), with 4 decimals, whatever the layer's CRS. Official areas are ellipsoidal, never planar.</source>
        <translation>添加字段 TBMJ_MU：每个面在 CGCS2000 椭球（a = 6378137，1/f = 298.257222101）上的面积，单位亩（1 亩 = 2000/3 平方米），保留 4 位小数，与图层坐标系无关。法定面积为椭球面积，而非平面面积。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="44"/>
        <source>Polygon layer</source>
        <translation>面图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ellipsoidal_area.py" line="46"/>
        <source>With ellipsoidal area</source>
        <translation>含椭球面积</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="74"/>
        <source>Add photos or documents…</source>
        <translation>添加照片或文件…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="76"/>
        <source>or drop files here</source>
        <translation>或把文件拖到这里</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="175"/>
        <source>Evidence for {jcbh}</source>
        <translation>{jcbh} 的举证材料</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="175"/>
        <source>Photos and documents</source>
        <translation>照片和文件</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="199"/>
        <source>Field photos (JZZP)</source>
        <translation>举证照片（JZZP）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="97"/>
        <source>Save photo details</source>
        <translation>保存照片信息</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="99"/>
        <source>Taken at</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="100"/>
        <source>Photographer</source>
        <translation>拍摄人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="101"/>
        <source>Azimuth (°)</source>
        <translation>方位角（°）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/evidence_panel.py" line="102"/>
        <source>Tilt (°)</source>
        <translation>倾角（°）</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/base.py" line="21"/>
        <source>Missing Python packages: {names}. Install them with: {command}</source>
        <translation>缺少 Python 依赖包：{names}。请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/base.py" line="35"/>
        <source>{layer} has no coordinate reference system; set it first.</source>
        <translation>{layer} 没有坐标参考系；请先设置。</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardPlugin</name>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="69"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="77"/>
        <source>Patch list</source>
        <translation>图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="78"/>
        <source>Show or hide the list of change patches</source>
        <translation>显示或隐藏变化图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="83"/>
        <source>About farmland_guard…</source>
        <translation>关于 farmland_guard…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="186"/>
        <source>farmland_guard needs the Python packages {names}, which are missing from the QGIS Python. Install them with: {command} (on Windows, in the OSGeo4W Shell).</source>
        <translation>farmland_guard 需要 Python 依赖包 {names}，但 QGIS 的 Python 环境中没有。请用以下命令安装：{command}（Windows 上请在 OSGeo4W Shell 中运行）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="235"/>
        <source>About farmland_guard</source>
        <translation>关于 farmland_guard</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="235"/>
        <source>{name} {version}

{about}

Licence: GPL-2.0-or-later</source>
        <translation>{name} {version}

{about}

许可证：GPL-2.0-or-later</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="79"/>
        <source>Import change patches…</source>
        <translation>导入图斑包…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="209"/>
        <source>{imported} patches imported into {store}; {rejected} rejected.</source>
        <translation>已导入 {imported} 个图斑到 {store}；拒绝 {rejected} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="116"/>
        <source>Verification workbench</source>
        <translation>核查工作台</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="113"/>
        <source>Before / after views</source>
        <translation>前后时相对比</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardProvider</name>
    <message>
        <location filename="../farmland_guard/processing/provider.py" line="22"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="45"/>
        <source>Import change patches</source>
        <translation>导入变化图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="52"/>
        <source>Patch batches</source>
        <translation>图斑包</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="58"/>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="62"/>
        <source>Field mapping…</source>
        <translation>字段对应…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="66"/>
        <source>As the file says</source>
        <translation>按文件自带</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="79"/>
        <source>Batch file</source>
        <translation>图斑包文件</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="80"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="81"/>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="82"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="232"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="84"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="86"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="89"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="101"/>
        <source>The Python packages {names} are missing; install them with: {command}</source>
        <translation>缺少 Python 依赖包 {names}；请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="155"/>
        <source>Layer: {layer}</source>
        <translation>图层：{layer}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="156"/>
        <source>Text encoding: {encoding} ({how})</source>
        <translation>文字编码：{encoding}（{how}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="159"/>
        <source>Coordinate system: {crs}</source>
        <translation>坐标系：{crs}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="159"/>
        <source>none in the file — choose one</source>
        <translation>文件中没有——请选择</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="161"/>
        <source>Fields: {profile}</source>
        <translation>字段方案：{profile}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="161"/>
        <source>no profile fits — map them by hand</source>
        <translation>没有匹配的方案——请手动对应字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="189"/>
        <source>Choose where the work store goes.</source>
        <translation>请选择工作库的保存位置。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="194"/>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="224"/>
        <source>Imported into {store}.</source>
        <translation>已导入到 {store}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="230"/>
        <source>Import cancelled; the work store is unchanged.</source>
        <translation>导入已取消；工作库未改变。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="232"/>
        <source>{error}

Use {crs}?</source>
        <translation>{error}

是否使用 {crs}？</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="241"/>
        <source>The import failed and the work store is unchanged: {error}</source>
        <translation>导入失败，工作库未改变：{error}</translation>
    </message>
</context>
<context>
    <name>ImportPatchesAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="29"/>
        <source>Import change patches into a work store</source>
        <translation>导入变化图斑到工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="32"/>
        <source>Reads a batch of change patches as the province sends it (.zip, .shp, .gpkg, .gdb, .geojson), maps its fields to the national schema, detects GBK or UTF-8, reprojects to CGCS2000, repairs geometries, recomputes ellipsoidal areas and writes the work store. Re-importing into an existing store keeps every verdict. Rejected records are listed in the report (CSV beside the store).</source>
        <translation>读取省级下发的变化图斑包（.zip、.shp、.gpkg、.gdb、.geojson），将字段对应到国家标准字段，识别 GBK 或 UTF-8 编码，转换到 CGCS2000，修复图形，重新计算椭球面积并写入工作库。向已有工作库重新导入时保留全部核查结论。被拒绝的记录列在导入报告中（工作库旁的 CSV 文件）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="40"/>
        <source>Batch file (.zip, .shp, .gpkg, .gdb, .geojson)</source>
        <translation>图斑包文件（.zip、.shp、.gpkg、.gdb、.geojson）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="44"/>
        <source>Text encoding (auto, GBK, UTF-8…)</source>
        <translation>文字编码（auto 自动、GBK、UTF-8…）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="46"/>
        <source>Field-mapping profile (auto, national, wpzf_tb, client)</source>
        <translation>字段对应方案（auto 自动、national、wpzf_tb、client）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="49"/>
        <source>Layer to import when the input holds several</source>
        <translation>文件含多个图层时要导入的图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="51"/>
        <source>Coordinate system when the file has none</source>
        <translation>文件无坐标系时使用的坐标系</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="53"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="55"/>
        <source>Imported patches</source>
        <translation>导入图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="56"/>
        <source>Repaired patches</source>
        <translation>修复图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="57"/>
        <source>Rejected records</source>
        <translation>拒绝记录数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="58"/>
        <source>Import report (CSV)</source>
        <translation>导入报告（CSV）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="79"/>
        <source>Import cancelled; the store is unchanged.</source>
        <translation>导入已取消；工作库未改变。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="82"/>
        <source> Suggested: {crs} (set the CRS parameter).</source>
        <translation> 建议：{crs}（请设置坐标系参数）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="89"/>
        <source>{imported} of {records} records imported ({added} new, {updated} updated, {vanished} vanished, {flagged} to look at again); {repaired} repaired, {rejected} rejected.</source>
        <translation>共 {records} 条记录，导入 {imported} 条（新增 {added}，更新 {updated}，移出批次 {vanished}，需复核 {flagged}）；修复 {repaired} 条，拒绝 {rejected} 条。</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="47"/>
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="54"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="61"/>
        <source>National field ← field in the file</source>
        <translation>国家标准字段 ← 文件中的字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="64"/>
        <source>Preview of the first rows</source>
        <translation>前几行预览</translation>
    </message>
</context>
<context>
    <name>PatchDock</name>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="39"/>
        <source>Patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="53"/>
        <source>Filter by ID, type or county…</source>
        <translation>按监测编号、图斑类型或行政区筛选…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="100"/>
        <source>Select a polygon layer with a JCBH field in the Layers panel.</source>
        <translation>请在图层面板中选择含 JCBH（监测编号）字段的面图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="103"/>
        <source>Layer “{name}” is not a polygon layer ({kind}); patches are polygons.</source>
        <translation>图层“{name}”不是面图层（{kind}）；变化图斑应为面。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="109"/>
        <source>Layer “{name}” has no JCBH (patch ID) field, so it is not a patch layer.</source>
        <translation>图层“{name}”没有 JCBH（监测编号）字段，不是变化图斑图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="140"/>
        <source>Areas cannot be computed: the Python packages {names} are missing from the QGIS Python. Install them with: {command}</source>
        <translation>无法计算面积：QGIS 的 Python 环境中缺少依赖包 {names}。请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="146"/>
        <source>Layer “{name}” has no coordinate reference system, so its ellipsoidal areas cannot be computed. Set the layer CRS first.</source>
        <translation>图层“{name}”没有坐标参考系，无法计算椭球面积。请先设置图层坐标系。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="151"/>
        <source>Loading patches of {name}</source>
        <translation>正在加载“{name}”的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="155"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="174"/>
        <source>Layer “{name}” holds no patches.</source>
        <translation>图层“{name}”中没有图斑。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="181"/>
        <source>The patches of layer “{name}” could not be read: {error}</source>
        <translation>无法读取图层“{name}”的图斑：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="181"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_dock.py" line="207"/>
        <source>{shown} of {total} patches, {area} mu</source>
        <translation>显示 {shown} / 共 {total} 个图斑，合计 {area} 亩</translation>
    </message>
</context>
<context>
    <name>PatchTableModel</name>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="115"/>
        <source>Patch ID (JCBH)</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="115"/>
        <source>Type (TBLX)</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="116"/>
        <source>County</source>
        <translation>行政区</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/patch_model.py" line="115"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
</context>
<context>
    <name>PrecheckAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="45"/>
        <source>Precheck patches (overlay with land use, farmland, red line, approvals)</source>
        <translation>图斑套合分析（地类、永农、红线、批准用地）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="48"/>
        <source>Overlays every patch with the land-use layer (DLBM), permanent basic farmland, the ecological red line and the approval layers, and adds their areas on the CGCS2000 ellipsoid in mu (4 decimals): TBMJ_MU (patch), GDMJ (cultivated land 0101/0102/0103), GDJMJ (the same net of field banks, KCXS), STMJ (paddy 0101), JBNTMJ, STHXMJ, PWMJ (covered by the union of the approvals, never counted twice), PWFGL (covered share 0–1), WFGMJ (cultivated land no approval covers), DLFZ (mu by land-use group), and a suggested verdict JYPD with its reason JYLY. A layer not given leaves its fields empty. Invalid geometries are repaired and reported.</source>
        <translation>将每个图斑与地类图斑（DLBM）、永久基本农田、生态保护红线和批准用地图层套合，按 CGCS2000 椭球计算面积（亩，4 位小数）：TBMJ_MU（图斑）、GDMJ（耕地 0101/0102/0103）、GDJMJ（扣除田坎 KCXS 后的耕地）、STMJ（水田 0101）、JBNTMJ、STHXMJ、PWMJ（被各批准用地之并集覆盖的面积，不重复计算）、PWFGL（覆盖比例 0–1）、WFGMJ（未被任何批准覆盖的耕地）、DLFZ（按地类分组的亩数），以及建议判定 JYPD 与理由 JYLY。未提供的图层其字段留空。无效几何会被修复并报告。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="60"/>
        <source>Change patches (with JCBH)</source>
        <translation>变化图斑（含 JCBH）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="62"/>
        <source>Land use (DLTB, with DLBM)</source>
        <translation>地类图斑（DLTB，含 DLBM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="64"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="66"/>
        <source>Ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="68"/>
        <source>Approval layers</source>
        <translation>批准用地图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="71"/>
        <source>Prechecked patches</source>
        <translation>套合后的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="81"/>
        <source>The land-use layer has no DLBM field.</source>
        <translation>地类图层没有 DLBM 字段。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="99"/>
        <source>Precheck cancelled.</source>
        <translation>套合分析已取消。</translation>
    </message>
</context>
<context>
    <name>PrecheckDialog</name>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="77"/>
        <source>Precheck (overlay)</source>
        <translation>套合分析</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="107"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="109"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="115"/>
        <source>Land use (with DLBM)</source>
        <translation>地类图斑（含 DLBM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="116"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="117"/>
        <source>Ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="118"/>
        <source>Approvals</source>
        <translation>批准用地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="146"/>
        <source>{layer} is not a file layer; save it to a GeoPackage first, or run the Processing algorithm, which takes any layer</source>
        <translation>{layer} 不是文件图层；请先另存为 GeoPackage，或使用可接受任何图层的处理工具算法</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="152"/>
        <source>Pick the land-use layer.</source>
        <translation>请选择地类图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="169"/>
        <source>Precheck of {store}</source>
        <translation>套合分析 {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="174"/>
        <source>Overlaying…</source>
        <translation>正在套合…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="188"/>
        <source>Cancelled; the store is as it was.</source>
        <translation>已取消；工作库保持原样。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="194"/>
        <source>{patches} patches and {parcels} parcels overlaid; suggested: {counts}.</source>
        <translation>已套合 {patches} 个图斑和 {parcels} 个地块；建议：{counts}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="192"/>
        <source>no suggestion</source>
        <translation>无建议</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="119"/>
        <source>Kind of the approval layer picked</source>
        <translation>所选批准图层的类型</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="50"/>
        <source>Patch ID</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="50"/>
        <source>Type</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="50"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="50"/>
        <source>State</source>
        <translation>核查状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="51"/>
        <source>Verdict</source>
        <translation>判定类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="51"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="250"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="251"/>
        <source>{records} records read: {imported} imported ({added} new, {updated} updated, {vanished} no longer in the batch, {flagged} to look at again), {repaired} repaired, {rejected} rejected.</source>
        <translation>读取 {records} 条记录：导入 {imported} 条（新增 {added}，更新 {updated}，已移出批次 {vanished}，需复核 {flagged}），修复 {repaired} 条，拒绝 {rejected} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="259"/>
        <source>Record</source>
        <translation>记录号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="259"/>
        <source>Patch ID</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="259"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="259"/>
        <source>Action</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="259"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="261"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="261"/>
        <source>Repaired</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="262"/>
        <source>Flagged</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="271"/>
        <source>Open the CSV report</source>
        <translation>打开 CSV 报告</translation>
    </message>
</context>
<context>
    <name>StoreLayer</name>
    <message>
        <location filename="../farmland_guard/gui/store_layer.py" line="44"/>
        <source>Patches {store}</source>
        <translation>变化图斑 {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/store_layer.py" line="45"/>
        <source>Parcels {store}</source>
        <translation>地块 {store}</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="96"/>
        <source>Verification workbench</source>
        <translation>核查工作台</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="121"/>
        <source>Patch ID…</source>
        <translation>监测编号…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="122"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="123"/>
        <source>All verdicts</source>
        <translation>全部判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="124"/>
        <source>All types</source>
        <translation>全部图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="125"/>
        <source>Permanent farmland</source>
        <translation>永农</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="126"/>
        <source>Red line</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="127"/>
        <source>Returned</source>
        <translation>省级退回</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="128"/>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="220"/>
        <source>Verdict</source>
        <translation>判定类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="222"/>
        <source>Sub-type</source>
        <translation>核查后类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="224"/>
        <source>Kind of violation</source>
        <translation>违法类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="226"/>
        <source>Approval number</source>
        <translation>批准文号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="226"/>
        <source>Approving authority</source>
        <translation>批准机关</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="227"/>
        <source>Approval date</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="228"/>
        <source>Desk note</source>
        <translation>内业说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="228"/>
        <source>Field note</source>
        <translation>外业说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="229"/>
        <source>Flag reason</source>
        <translation>标记原因</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="240"/>
        <source>Illegal area (mu)</source>
        <translation>违法面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="240"/>
        <source>of it cultivated (mu)</source>
        <translation>其中违法耕地（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="241"/>
        <source>of that paddy (mu)</source>
        <translation>其中违法水田（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="241"/>
        <source>of it permanent farmland (mu)</source>
        <translation>其中违法永农（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="249"/>
        <source>Counts toward the illegal-occupation ratio</source>
        <translation>纳入违法占用耕地比例计算</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="251"/>
        <source>Flag for a second look</source>
        <translation>标记待复核</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="311"/>
        <source>Verification workbench — {store}</source>
        <translation>核查工作台 — {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="331"/>
        <source>{done} of {total} verified</source>
        <translation>已核查 {done} / {total}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="372"/>
        <source>Every patch in view is verified.</source>
        <translation>列表中的图斑均已核查。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="556"/>
        <source>Saved {jcbh}.</source>
        <translation>已保存 {jcbh}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="265"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="197"/>
        <source>Patch or parcel</source>
        <translation>图斑或地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="198"/>
        <source>Cut along a line (C)</source>
        <translation>画线分割 (C)</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="200"/>
        <source>Split by land use</source>
        <translation>按地类分割</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="202"/>
        <source>Merge parcels</source>
        <translation>合并地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="206"/>
        <source>The land-use layer (with DLBM) to split by</source>
        <translation>用于分割的地类图层（含 DLBM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="210"/>
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="656"/>
        <source>Whole patch {jcbh} ({area} mu)</source>
        <translation>整个图斑 {jcbh}（{area} 亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="695"/>
        <source>Click across the patch to draw the cut; right-click or Enter to finish, Esc to give up.</source>
        <translation>在图上点击画线穿过图斑；右键或回车结束，Esc 放弃。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="722"/>
        <source>Pick a land-use layer with a DLBM field to split by.</source>
        <translation>请选择含 DLBM 字段的地类图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="761"/>
        <source>{jcbh}: {count} parcels.</source>
        <translation>{jcbh}：{count} 个地块。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="267"/>
        <source>Batch label… (Ctrl+B)</source>
        <translation>批量标注… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="596"/>
        <source>{changed} patches labelled, {skipped} already judged and skipped; Ctrl+Alt+Z undoes it.</source>
        <translation>已标注 {changed} 个图斑，跳过已判定的 {skipped} 个；Ctrl+Alt+Z 可撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="152"/>
        <source>Precheck (overlay)…</source>
        <translation>套合分析…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="754"/>
        <source>{jcbh}: the geometry cannot be split ({error})</source>
        <translation>{jcbh}：图形无法分割（{error}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="227"/>
        <source>Valid until (temporary use)</source>
        <translation>有效期至（临时用地）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="238"/>
        <source>Approved area (mu)</source>
        <translation>批准面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="250"/>
        <source>Key project (exempt from the ratio)</source>
        <translation>重点工程（不计入违法比例）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="262"/>
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="263"/>
        <source>Rectification state</source>
        <translation>整改状态</translation>
    </message>
</context>
</TS>

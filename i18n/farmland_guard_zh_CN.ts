<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssignGridsAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="51"/>
        <source>Assign patches to grids (田长制 网格, 一地一码)</source>
        <translation>图斑分配到网格（田长制网格、一地一码）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="54"/>
        <source>Imports a grid layer (网格 polygons, any CRS) into the work store, replacing the grid it held, and assigns every patch and parcel to the grid it overlaps most (ellipsoidal area on CGCS2000): WGBM, DKDM (plot code), XZDM and XZMC (town) are written on it. Fields are found by name, ignoring case: WGBM or 网格编码, DKDM or 地块代码, XZDM or 乡镇代码, XZMC or 乡镇名称, CJMC or 村名称, SJTZ/XJTZ/XZTZ/CJTZ or 市级/县级/乡级/村级田长, WGY or 网格员. Overlaps within 0.000001 mu are a tie: the grid with the smaller WGBM wins and FPBZ says 并列; a patch no grid overlaps gets FPBZ 无网格. The output table lists the ties, the patches outside every grid and the grid layer's overlaps and gaps (larger than 0.01 mu) with the grid codes concerned; they are listed, not fatal.</source>
        <translation>将网格图层（网格面，任意坐标系）导入工作库，替换库中原有网格，并把每个图斑和地块分配到与其重叠面积最大的网格（CGCS2000 椭球面积）：写入 WGBM、DKDM（地块代码）、XZDM 和 XZMC（乡镇）。字段按名称识别，不区分大小写：WGBM 或 网格编码，DKDM 或 地块代码，XZDM 或 乡镇代码，XZMC 或 乡镇名称，CJMC 或 村名称，SJTZ/XJTZ/XZTZ/CJTZ 或 市级/县级/乡级/村级田长，WGY 或 网格员。重叠面积相差不超过 0.000001 亩视为并列：WGBM 较小的网格胜出，FPBZ 记为 并列；与任何网格都不重叠的图斑 FPBZ 记为 无网格。输出表列出并列图斑、不在任何网格内的图斑，以及网格图层的重叠和缝隙（大于 0.01 亩）及相关网格编码；仅列出，不中止。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="67"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="70"/>
        <source>Grid layer (网格)</source>
        <translation>网格图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="72"/>
        <source>Ties, patches outside every grid, grid overlaps and gaps</source>
        <translation>并列、无网格图斑、网格重叠与缝隙</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="75"/>
        <source>Patches and parcels assigned</source>
        <translation>已分配的图斑和地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="77"/>
        <source>Ties (并列)</source>
        <translation>并列</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="78"/>
        <source>Outside every grid (无网格)</source>
        <translation>无网格</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="95"/>
        <source>The grid layer has no WGBM (网格编码) field: the grids are named by their position</source>
        <translation>网格图层没有 WGBM（网格编码）字段：网格按其序号命名</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="114"/>
        <source>Grid feature {n} refused: {why}</source>
        <translation>第 {n} 个网格要素被拒绝：{why}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="116"/>
        <source>{grids} grids imported; {patches} patches and {parcels} parcels assigned, {ties} ties, {outside} outside every grid</source>
        <translation>已导入 {grids} 个网格；已分配 {patches} 个图斑和 {parcels} 个地块，并列 {ties} 个，无网格 {outside} 个</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="126"/>
        <source>patch</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="126"/>
        <source>parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="130"/>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/assign_grids.py" line="140"/>
        <source>Grid {kind}: {codes}, {mu} mu</source>
        <translation>网格{kind}：{codes}，{mu} 亩</translation>
    </message>
</context>
<context>
    <name>BalanceAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="24"/>
        <source>Farmland balance ledgers (占补平衡, 两平衡一冻结, 进出平衡)</source>
        <translation>耕地台账（占补平衡、两平衡一冻结、进出平衡）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="53"/>
        <source>Reserve entries (耕地储备库 / 补充耕地项目)</source>
        <translation>储备入库（耕地储备库 / 补充耕地项目）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="54"/>
        <source>Occupations (建设占用)</source>
        <translation>建设占用</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="55"/>
        <source>Judged patches: a table or a work store</source>
        <translation>判定图斑：表格或工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="57"/>
        <source>Flows (进出平衡)</source>
        <translation>流向（进出平衡）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="58"/>
        <source>Region table (XZQDM, SJDM)</source>
        <translation>区划表（XZQDM、SJDM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="60"/>
        <source>Balance by county, city and province</source>
        <translation>县、市、省占补平衡汇总</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="61"/>
        <source>Allocations</source>
        <translation>分配明细</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="62"/>
        <source>Freezes</source>
        <translation>冻结清单</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="63"/>
        <source>Shortfalls</source>
        <translation>缺口清单</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="103"/>
        <source>{reserve} reserve entries, {occupations} occupations, {illegal} judged patches, {flows} flows read.</source>
        <translation>已读取储备 {reserve} 条、占用 {occupations} 条、判定图斑 {illegal} 个、流向 {flows} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="109"/>
        <source>Not balanced: {counties}</source>
        <translation>未平衡：{counties}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="112"/>
        <source>{flow}: 永久基本农田 flows out ({county}, {year})</source>
        <translation>{flow}：永久基本农田流出（{county}，{year}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/balance.py" line="27"/>
        <source>Computes the three ledgers of 耕地占补平衡 — 数量 and 水田 in mu, 产能 as area × the grade's coefficient of the profile — per county. Occupations (XMBH, XZQDM, PZRQ, ZYGDMJ, ZYSTMJ, ZLDB, optional CN) consume, in order of approval date, the reserve entries (XMBH, XZQDM, RKRQ, BCGDMJ, BCSTMJ, ZLDB, optional CN) of their county entered on or before that date, first in first out (先补后占); then each illegal occupation of 耕地 for construction freezes its three amounts from what is left (两平衡一冻结): 拆除复耕 or 销号 releases it, 补办手续 or 没收 turns it into consumption on the date it was done (ZGRQ). The judged patches are a table (JCBH, XZQDM, WFGDMJ, WFSTMJ, ZLDB, ND, ZGCS, ZGZT, ZGRQ, WFLX, PDLX…) or a work store (.gpkg, or one of its layers): its results judged 违法 are read with their precheck figures. Flows (XZQDM, ND, LX 流出/流入, YDLBM, XDLBM, MJ, STMJ, ZLDB, SFJBNT) give 进出平衡 per county and year, counted in the 占补 ledgers from the profile's cut-over year. A region table (XZQDM, SJDM) places counties under their city where the code's prefix does not. Fields are matched by name in any case. A wrong input (a negative area, a date that is not one, a grade outside the table, a county code that is not 6 digits, an id twice, 水田 larger than the area) stops the run with a message naming the file, the row and the field.{fields} Outputs: the county table (KC_ in reserve, XH_ consumed, DJ_ frozen, KY_ available, QK_ short, for GD, ST and CN; XBHZ_WG 先补后占 violations; PH balanced), with city and province rows; the allocations, the freezes and the shortfalls; optionally one xlsx workbook with every table.</source>
        <translation>按县计算耕地占补平衡的三本台账——数量、水田（亩）和产能（面积 × 配置中该质量等别的系数）。建设占用（XMBH、XZQDM、PZRQ、ZYGDMJ、ZYSTMJ、ZLDB，可选 CN）按批准日期先后，先进先出地消耗本县入库日期不晚于批准日期的储备（XMBH、XZQDM、RKRQ、BCGDMJ、BCSTMJ、ZLDB，可选 CN）（先补后占）；随后每宗非农建设违法占用耕地从剩余储备中冻结其数量、水田和产能（两平衡一冻结）：拆除复耕或销号即解冻，补办手续或没收在完成之日（ZGRQ）转为消耗。判定图斑可以是表格（JCBH、XZQDM、WFGDMJ、WFSTMJ、ZLDB、ND、ZGCS、ZGZT、ZGRQ、WFLX、PDLX…），也可以是工作库（.gpkg 或其中任一图层）：读取其判定为违法的结果及预检数据。流向（XZQDM、ND、LX 流出/流入、YDLBM、XDLBM、MJ、STMJ、ZLDB、SFJBNT）按县和年度计算进出平衡，自配置的切换年度起计入占补台账。区划表（XZQDM、SJDM）为代码前缀不能确定所属市的县指定上级。字段按名称匹配，不区分大小写。输入有误（面积为负、日期或年份不是日期、等别不在系数表中、行政区代码不是 6 位、编号重复、水田大于面积）时停止运行，并指明文件、行和字段。{fields}输出：县表（储备 KC_、已消耗 XH_、冻结 DJ_、可用 KY_、缺口 QK_，分 GD、ST、CN；先补后占违规数 XBHZ_WG；是否平衡 PH），含市、省汇总行；分配明细、冻结清单和缺口清单；可选写出包含全部表格的 xlsx 工作簿。</translation>
    </message>
</context>
<context>
    <name>BatchLabelAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="53"/>
        <source>Batch label patches</source>
        <translation>批量标注图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="70"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="72"/>
        <source>Patches to label (expression over the patches)</source>
        <translation>要标注的图斑（对图斑的筛选表达式）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>Verdict (PDLX)</source>
        <translation>判定类型（PDLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>Sub-type (HCHLX)</source>
        <translation>核查后类型（HCHLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>Kind of violation (WFLX)</source>
        <translation>违法类型（WFLX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="84"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="86"/>
        <source>Overwrite patches already judged</source>
        <translation>覆盖已判定的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="88"/>
        <source>Patches labelled</source>
        <translation>已标注图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="89"/>
        <source>Patches skipped</source>
        <translation>跳过图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="149"/>
        <source>{store} is not a work store</source>
        <translation>{store} 不是工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="155"/>
        <source>The filter is not a valid expression: {error}</source>
        <translation>筛选条件不是有效的表达式：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="166"/>
        <source>{changed} patches labelled, {skipped} already judged and skipped.</source>
        <translation>已标注 {changed} 个图斑，{skipped} 个已判定而跳过。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="56"/>
        <source>Gives one verdict to every patch of a work store that the filter expression selects. PDLX, HCHLX, WFLX, SFNRWFJS and SFZDGC take the code itself (PDLX=其他, WFLX=未批先建(未报即用)) or its index in the list. A 违法 verdict takes each patch's illegal areas (WFMJ, WFGDMJ, WFSTMJ, WFJBNTMJ) from its own precheck figures (the patch area where no precheck ran); SFNRWFJS (counts toward the illegal-occupation ratio) is 是 and SFZDGC (key project) 否 unless given, and both are for 违法 only. Patches already judged are skipped unless OVERWRITE is set. All verdicts are checked before anything is written: one invalid verdict and nothing is written. The change is one step in the history, undone in one step.</source>
        <translation>为工作库中筛选表达式选中的每个图斑给出同一判定。PDLX、HCHLX、WFLX、SFNRWFJS 和 SFZDGC 直接填写代码（PDLX=其他，WFLX=未批先建(未报即用)），也可填写其在列表中的序号。判定为违法时，各图斑的违法面积（WFMJ、WFGDMJ、WFSTMJ、WFJBNTMJ）取自该图斑自身的预检结果（未做预检的取图斑面积）；未填写时 SFNRWFJS（是否纳入违法计算）为“是”、SFZDGC（是否重点工程）为“否”，二者仅用于违法。已判定的图斑除非勾选 OVERWRITE 否则跳过。写入前检查全部判定：只要有一个判定无效，就不写入任何内容。本次修改在历史中为一步，可一步撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>Counts toward the illegal-occupation ratio (SFNRWFJS; 违法 only, default 是)</source>
        <translation>是否纳入违法计算（SFNRWFJS；仅违法，默认“是”）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="75"/>
        <source>Key project (SFZDGC; 违法 only, default 否)</source>
        <translation>是否重点工程（SFZDGC；仅违法，默认“否”）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="101"/>
        <source>{key}: &apos;{value}&apos; is not one of the codes {allowed} (or their index, 0 to {last})</source>
        <translation>{key}：“{value}”不是代码 {allowed} 之一（或其序号 0 到 {last}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/batch_label.py" line="130"/>
        <source>{fields} only go with PDLX=违法 (the verdict given is {verdict})</source>
        <translation>{fields} 仅用于 PDLX=违法（所给判定为 {verdict}）</translation>
    </message>
</context>
<context>
    <name>BatchLabelDialog</name>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="31"/>
        <source>Batch label</source>
        <translation>批量标注</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="36"/>
        <source>Rows selected in the queue</source>
        <translation>队列中选中的行</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="36"/>
        <source>Patches selected on the map</source>
        <translation>地图上选中的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="36"/>
        <source>Every patch the queue shows</source>
        <translation>队列筛选出的全部图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="36"/>
        <source>Patches an expression selects</source>
        <translation>表达式选出的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="43"/>
        <source>Overwrite patches already judged</source>
        <translation>覆盖已判定的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="44"/>
        <source>The form has no verdict: pick one first.</source>
        <translation>表单中还没有判定：请先选择。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="54"/>
        <source>Verdict from the form</source>
        <translation>表单中的判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="55"/>
        <source>Patches</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="56"/>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="83"/>
        <source>The expression is not valid: {error}</source>
        <translation>表达式无效：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="83"/>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="104"/>
        <source>overwritten</source>
        <translation>将覆盖</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="104"/>
        <source>skipped</source>
        <translation>将跳过</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="114"/>
        <source>Illegal areas from each patch&apos;s precheck: {wfmj} mu, of it cultivated {wfgd} mu; counted toward the ratio: {counted}.</source>
        <translation>违法面积取各图斑套合结果：共 {wfmj} 亩，其中耕地 {wfgd} 亩；纳入违法计算：{counted} 个。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="102"/>
        <source>{count} patches, {area} mu in all; {judged} already judged ({fate}). {changing} will change, as one step that {undo} undoes.</source>
        <translation>共 {count} 个图斑，合计 {area} 亩；其中 {judged} 个已判定（{fate}）。将修改 {changing} 个，作为一步操作，可用 {undo} 撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="125"/>
        <source>The form has no verdict yet: pick one ({kinds}) in the workbench first.</source>
        <translation>表单中还没有判定：请先在工作台中选择一个（{kinds}）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/batch_dialog.py" line="128"/>
        <source>The patches in scope are highlighted on the map.</source>
        <translation>范围内的图斑已在地图上高亮显示。</translation>
    </message>
</context>
<context>
    <name>BeforeAfterDock</name>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="48"/>
        <source>Before / after</source>
        <translation>前后时相</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="190"/>
        <source>Before</source>
        <translation>前时相</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="113"/>
        <source>After</source>
        <translation>后时相</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="193"/>
        <source>Showing: {imagery} ({key} switches)</source>
        <translation>显示：{imagery}（{key} 切换）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/before_after.py" line="112"/>
        <source>Re-check image</source>
        <translation>复核影像</translation>
    </message>
</context>
<context>
    <name>CompletionModel</name>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="23"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="24"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="25"/>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="26"/>
        <source>Closed</source>
        <translation>销号数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="27"/>
        <source>Completion</source>
        <translation>整改完成率</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="38"/>
        <source>(no town)</source>
        <translation>（未分乡镇）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="41"/>
        <source>(no county)</source>
        <translation>（未分县）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="78"/>
        <source>Click to list these problems</source>
        <translation>单击列出这些问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="93"/>
        <source>closed problems</source>
        <translation>已销号问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="94"/>
        <source>problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/completion_panel.py" line="95"/>
        <source>{what} of {unit} ({level})</source>
        <translation>{unit}（{level}）的{what}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="121"/>
        <source>Resolve sync conflicts</source>
        <translation>解决同步冲突</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="130"/>
        <source>This result was changed here and on the server since the last copy both agreed on. Nothing is overwritten until you choose: keep yours, take the server&apos;s, or choose field by field and merge.</source>
        <translation>自双方上次一致以来，此成果在本地和服务器上都被修改过。在您作出选择之前不会覆盖任何内容：保留我的、采用服务器的，或逐字段选择后合并。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="141"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="141"/>
        <source>Base (last agreed)</source>
        <translation>共同基础（上次一致）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="249"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="250"/>
        <source>Server&apos;s</source>
        <translation>服务器的</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="141"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="152"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="154"/>
        <source>Take the server&apos;s</source>
        <translation>采用服务器的</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="156"/>
        <source>Merge the chosen fields</source>
        <translation>合并所选</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="195"/>
        <source>{count} fields differ</source>
        <translation>{count} 个字段不同</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="211"/>
        <source>No conflicts are left.</source>
        <translation>没有待解决的冲突了。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="219"/>
        <source>Patch {jcbh}: {count} fields differ (server&apos;s version {version})</source>
        <translation>图斑 {jcbh}：{count} 个字段不同（服务器版本 {version}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="224"/>
        <source>The reviewer&apos;s comment on the server&apos;s copy: {comment}</source>
        <translation>服务器副本上的审核意见：{comment}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="248"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="255"/>
        <source>the same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="278"/>
        <source>Choose a side for: {fields}</source>
        <translation>请为以下字段选择一方：{fields}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="290"/>
        <source>Choose mine or the server&apos;s for every field marked.</source>
        <translation>请为每个标出的字段选择“我的”或“服务器的”。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="301"/>
        <source>Not resolved: {error}</source>
        <translation>未能解决：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="308"/>
        <source>Resolved {jcbh}; it goes to the server with the next push.</source>
        <translation>已解决 {jcbh}；将在下次上报时发送到服务器。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="230"/>
        <source>Parcels (id, land use, mu)</source>
        <translation>地块（编号、地类、亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="217"/>
        <source>Problem {wtbh}: {count} fields differ (server&apos;s version {version})</source>
        <translation>问题 {wtbh}：{count} 个字段不同（服务器版本 {version}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/conflict_dialog.py" line="230"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>EditProblemDialog</name>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="48"/>
        <source>Problem {wtbh}</source>
        <translation>问题 {wtbh}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="69"/>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="71"/>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="72"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="73"/>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="74"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="75"/>
        <source>State</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_edit.py" line="76"/>
        <source>Case</source>
        <translation>案件</translation>
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
        <location filename="../farmland_guard/processing/base.py" line="33"/>
        <source>Missing Python packages: {names}. Install them with: {command}</source>
        <translation>缺少 Python 依赖包：{names}。请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/base.py" line="47"/>
        <source>{layer} has no coordinate reference system; set it first.</source>
        <translation>{layer} 没有坐标参考系；请先设置。</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardPlugin</name>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="82"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="90"/>
        <source>Patch list</source>
        <translation>图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="91"/>
        <source>Show or hide the list of change patches</source>
        <translation>显示或隐藏变化图斑列表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="104"/>
        <source>About farmland_guard…</source>
        <translation>关于 farmland_guard…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="279"/>
        <source>farmland_guard needs the Python packages {names}, which are missing from the QGIS Python. Install them with: {command} (on Windows, in the OSGeo4W Shell).</source>
        <translation>farmland_guard 需要 Python 依赖包 {names}，但 QGIS 的 Python 环境中没有。请用以下命令安装：{command}（Windows 上请在 OSGeo4W Shell 中运行）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="404"/>
        <source>About farmland_guard</source>
        <translation>关于 farmland_guard</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="404"/>
        <source>{name} {version}

{about}

Licence: GPL-2.0-or-later</source>
        <translation>{name} {version}

{about}

许可证：GPL-2.0-or-later</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="92"/>
        <source>Import change patches…</source>
        <translation>导入图斑包…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="299"/>
        <source>{imported} patches imported into {store}; {rejected} rejected.</source>
        <translation>已导入 {imported} 个图斑到 {store}；拒绝 {rejected} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="148"/>
        <source>Verification workbench</source>
        <translation>核查工作台</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="145"/>
        <source>Before / after views</source>
        <translation>前后时相对比</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="96"/>
        <source>Open work store…</source>
        <translation>打开工作库…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="111"/>
        <source>Recent work stores</source>
        <translation>最近的工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="309"/>
        <source>Open work store</source>
        <translation>打开工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="309"/>
        <source>Work stores</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="324"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="331"/>
        <source>{path} is not a work store of farmland_guard: import a batch to make one.</source>
        <translation>{path} 不是 farmland_guard 的工作库：请导入图斑包以建立工作库。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="100"/>
        <source>Your name in the history…</source>
        <translation>历史记录中的姓名…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="360"/>
        <source>Your name in the history</source>
        <translation>历史记录中的姓名</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="360"/>
        <source>The name the history of each patch records for what you do:</source>
        <translation>每个图斑的历史记录中记下您所做操作时使用的姓名：</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="164"/>
        <source>Sync with the server</source>
        <translation>与服务器同步</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="175"/>
        <source>Ledgers</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="176"/>
        <source>Show or hide the ledgers: occupation and compensation, in and out, the illegal occupation ratio</source>
        <translation>显示或隐藏台账：占补平衡、进出平衡、违法占用耕地比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="187"/>
        <source>Rectification ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/plugin.py" line="188"/>
        <source>Show or hide the rectification ledger: the problems to rectify, their cases, closing and completion rate</source>
        <translation>显示或隐藏整改台账：待整改问题、案件、销号与整改完成率</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardProvider</name>
    <message>
        <location filename="../farmland_guard/processing/provider.py" line="27"/>
        <source>Farmland patch verification</source>
        <translation>耕地卫片核查</translation>
    </message>
</context>
<context>
    <name>FollowupDock</name>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="60"/>
        <source>Rectification ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="73"/>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="77"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="77"/>
        <source>State</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="77"/>
        <source>Case</source>
        <translation>案件状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="77"/>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="83"/>
        <source>From the verdicts</source>
        <translation>从核查结果生成</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="83"/>
        <source>One problem per illegal verdict of the store</source>
        <translation>工作库中每个判定为违法的结果生成一个问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="85"/>
        <source>New problem…</source>
        <translation>新建问题…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="86"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="87"/>
        <source>Close the problem…</source>
        <translation>销号…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="88"/>
        <source>Undo ({keys})</source>
        <translation>撤销（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="88"/>
        <source>Undo the last edit or closing made in this dock</source>
        <translation>撤销在本面板中最近一次编辑或销号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="103"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="124"/>
        <source>Completion rate</source>
        <translation>整改完成率</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="125"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="244"/>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="280"/>
        <source>{count} {what}</source>
        <translation>{what}：{count} 个</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="309"/>
        <source>From the verdicts: {created} created, {refreshed} refreshed, {kept} kept as edited by hand, {orphaned} no longer illegal (kept).</source>
        <translation>从核查结果生成：新建 {created} 个，更新 {refreshed} 个，{kept} 个保留人工修改，{orphaned} 个已不再是违法（仍保留）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="336"/>
        <source>Problem {wtbh} created.</source>
        <translation>已新建问题 {wtbh}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="346"/>
        <source>Problem {wtbh} saved.</source>
        <translation>已保存问题 {wtbh}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="355"/>
        <source>Problem {wtbh} closed.</source>
        <translation>问题 {wtbh} 已销号。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="362"/>
        <source>{keys} undoes it.</source>
        <translation>按 {keys} 可撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="370"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="380"/>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/followup_dock.py" line="421"/>
        <source>Problem {wtbh} has no location and none of its patches is in the map.</source>
        <translation>问题 {wtbh} 没有位置，其关联图斑也不在地图中。</translation>
    </message>
</context>
<context>
    <name>IllegalRatioAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="20"/>
        <source>Illegal occupation ratio (违法占用耕地比例)</source>
        <translation>违法占用耕地比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="41"/>
        <source>Judged patches: a table or a work store</source>
        <translation>判定图斑：表格或工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="42"/>
        <source>Denominators (XZQDM, ND, XZJSZYGDMJ)</source>
        <translation>分母（XZQDM、ND、XZJSZYGDMJ）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="44"/>
        <source>Region table (XZQDM, SJDM)</source>
        <translation>区划表（XZQDM、SJDM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="46"/>
        <source>Illegal occupation ratio</source>
        <translation>违法占用耕地比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="76"/>
        <source>{county} {year}: no denominator (zero or missing)</source>
        <translation>{county} {year}：无分母（为零或缺失）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/illegal_ratio.py" line="23"/>
        <source>Per county and year: WFGDMJ, the 违法耕地 (mu, on the profile's basis, net of field banks by default, gross beside as WFGDMJ_MZ) of the results judged 违法 that count (SFNRWFJS 是) and are not key projects (SFZDGC 是); XZJSZYGDMJ, the 新增建设用地占用耕地 from the denominator table (XZQDM, ND, XZJSZYGDMJ, optional RGYT: a 约谈 reason given by hand), or, where it has none, the 耕地 of every patch judged 合法 or 违法 as construction (FMLY says which: 表, 计算, 汇总, 缺); BL = WFGDMJ ÷ XZJSZYGDMJ; YJ 正常, 预警 or 问责 at the profile's levels (10 % and 15 % nationally), 无分母 for a zero or missing denominator, never divided by; YT 约谈 by the profile's rule (nationally over 15 % and more than 100 mu) or by hand, YTLY why. Then the same per city and province (the region table, XZQDM → SJDM, where the code's prefix does not place a county). The judged patches are a table (JCBH, XZQDM, WFGDMJ, ND or HSX, PDLX, SFNRWFJS, SFZDGC, GDMJ, WFGDMJ_MZ) or a work store (.gpkg, or one of its layers). A wrong input stops the run with a message naming the file, the row and the field.{fields}</source>
        <translation>按县和年度：WFGDMJ 为计入违法计算（SFNRWFJS 为“是”）且非重点工程（SFZDGC 为“是”者除外）的违法结果的违法耕地（亩，按配置的口径，默认扣除田坎，含田坎面积另列为 WFGDMJ_MZ）；XZJSZYGDMJ 为分母表（XZQDM、ND、XZJSZYGDMJ，可选 RGYT：人工约谈理由）中的新增建设用地占用耕地，表中没有的按判定为合法或违法建设的全部图斑的耕地计算（FMLY 说明来源：表、计算、汇总、缺）；BL = WFGDMJ ÷ XZJSZYGDMJ；YJ 按配置的界线为正常、预警或问责（全国默认 10 % 和 15 %），分母为零或缺失时为无分母，绝不相除；YT 约谈按配置的规则（全国默认超过 15 % 且超过 100 亩）或人工认定，YTLY 为理由。再按市、省汇总（区划表 XZQDM → SJDM 用于代码前缀不能确定归属的县）。判定图斑可以是表格（JCBH、XZQDM、WFGDMJ、ND 或 HSX、PDLX、SFNRWFJS、SFZDGC、GDMJ、WFGDMJ_MZ），也可以是工作库（.gpkg 或其中任一图层）。输入有误时停止运行，并指明文件、行和字段。{fields}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="48"/>
        <source>Import change patches</source>
        <translation>导入变化图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="55"/>
        <source>Patch batches</source>
        <translation>图斑包</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="61"/>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="65"/>
        <source>Field mapping…</source>
        <translation>字段对应…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="69"/>
        <source>As the file says</source>
        <translation>按文件自带</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="82"/>
        <source>Batch file</source>
        <translation>图斑包文件</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="83"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="84"/>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="85"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="249"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="87"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="89"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="92"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="106"/>
        <source>The Python packages {names} are missing; install them with: {command}</source>
        <translation>缺少 Python 依赖包 {names}；请用以下命令安装：{command}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="167"/>
        <source>Layer: {layer}</source>
        <translation>图层：{layer}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="168"/>
        <source>Text encoding: {encoding} ({how})</source>
        <translation>文字编码：{encoding}（{how}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="171"/>
        <source>Coordinate system: {crs}</source>
        <translation>坐标系：{crs}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="171"/>
        <source>none in the file — choose one</source>
        <translation>文件中没有——请选择</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="173"/>
        <source>Fields: {profile}</source>
        <translation>字段方案：{profile}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="173"/>
        <source>no profile fits — map them by hand</source>
        <translation>没有匹配的方案——请手动对应字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="203"/>
        <source>Choose where the work store goes.</source>
        <translation>请选择工作库的保存位置。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="208"/>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="239"/>
        <source>Imported into {store}.</source>
        <translation>已导入到 {store}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="247"/>
        <source>Import cancelled; the work store is unchanged.</source>
        <translation>导入已取消；工作库未改变。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="249"/>
        <source>{error}

Use {crs}?</source>
        <translation>{error}

是否使用 {crs}？</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="258"/>
        <source>The import failed and the work store is unchanged: {error}</source>
        <translation>导入失败，工作库未改变：{error}</translation>
    </message>
</context>
<context>
    <name>ImportPatchesAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="34"/>
        <source>Import change patches into a work store</source>
        <translation>导入变化图斑到工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="37"/>
        <source>Reads a batch of change patches as the province sends it (.zip, .shp, .gpkg, .gdb, .geojson), maps its fields to the national schema, detects GBK or UTF-8, reprojects to CGCS2000, repairs geometries, recomputes ellipsoidal areas and writes the work store. Re-importing into an existing store keeps every verdict. Rejected records are listed in the report (CSV beside the store).</source>
        <translation>读取省级下发的变化图斑包（.zip、.shp、.gpkg、.gdb、.geojson），将字段对应到国家标准字段，识别 GBK 或 UTF-8 编码，转换到 CGCS2000，修复图形，重新计算椭球面积并写入工作库。向已有工作库重新导入时保留全部核查结论。被拒绝的记录列在导入报告中（工作库旁的 CSV 文件）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="45"/>
        <source>Batch file (.zip, .shp, .gpkg, .gdb, .geojson)</source>
        <translation>图斑包文件（.zip、.shp、.gpkg、.gdb、.geojson）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="49"/>
        <source>Text encoding (auto, GBK, UTF-8…)</source>
        <translation>文字编码（auto 自动、GBK、UTF-8…）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="51"/>
        <source>Field-mapping profile (auto, national, wpzf_tb, client)</source>
        <translation>字段对应方案（auto 自动、national、wpzf_tb、client）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="54"/>
        <source>Layer to import when the input holds several</source>
        <translation>文件含多个图层时要导入的图层</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="56"/>
        <source>Coordinate system when the file has none</source>
        <translation>文件无坐标系时使用的坐标系</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="58"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="60"/>
        <source>Imported patches</source>
        <translation>导入图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="61"/>
        <source>Repaired patches</source>
        <translation>修复图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="62"/>
        <source>Rejected records</source>
        <translation>拒绝记录数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="63"/>
        <source>Import report (CSV)</source>
        <translation>导入报告（CSV）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="82"/>
        <source>Import cancelled; the store is unchanged.</source>
        <translation>导入已取消；工作库未改变。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="85"/>
        <source> Suggested: {crs} (set the CRS parameter).</source>
        <translation> 建议：{crs}（请设置坐标系参数）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/import_patches.py" line="95"/>
        <source>{imported} of {records} records imported ({added} new, {updated} updated, {vanished} vanished, {flagged} to look at again); {repaired} repaired, {rejected} rejected.</source>
        <translation>共 {records} 条记录，导入 {imported} 条（新增 {added}，更新 {updated}，移出批次 {vanished}，需复核 {flagged}）；修复 {repaired} 条，拒绝 {rejected} 条。</translation>
    </message>
</context>
<context>
    <name>LedgerAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="84"/>
        <source>Profile ({profiles})</source>
        <translation>配置（{profiles}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="93"/>
        <source>Workbook (xlsx)</source>
        <translation>工作簿（xlsx）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="93"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="103"/>
        <source>Unknown profile {profile}; the profiles are: {known}</source>
        <translation>未知配置 {profile}；可用配置：{known}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="179"/>
        <source>{store}: the judged results of the work store</source>
        <translation>{store}：工作库中的判定结果</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="213"/>
        <source>Workbook written: {path}</source>
        <translation>已写出工作簿：{path}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="67"/>
        <source>{table}: fields named otherwise (XMBH=项目编号;…)</source>
        <translation>{table}：名称不同的字段（XMBH=项目编号;…）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="75"/>
        <source> Each table may name its fields otherwise: its _FIELDS parameter (RESERVE_FIELDS for RESERVE…) gives national=field pairs separated by semicolons, such as XMBH=项目编号;RKRQ=入库日期; the fields it does not name are matched by their national name in any case.</source>
        <translation>各表的字段可以另有名称：在其 _FIELDS 参数（RESERVE 的为 RESERVE_FIELDS…）中写“国家字段=字段”，以分号分隔，如 XMBH=项目编号;RKRQ=入库日期；未写出的字段按国家字段名匹配，不区分大小写。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="151"/>
        <source>Parameter {parameter}: {problem}</source>
        <translation>参数 {parameter}：{problem}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ledger_base.py" line="164"/>
        <source>{parameter}: the table has no field {field} (named for {national}); its fields: {fields}</source>
        <translation>{parameter}：表中没有字段 {field}（对应 {national}）；表的字段：{fields}</translation>
    </message>
</context>
<context>
    <name>LedgerCharts</name>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="36"/>
        <source>Charts need the Python package matplotlib, which is missing from the QGIS Python. Install it with: python -m pip install matplotlib (on Debian: apt install python3-matplotlib).</source>
        <translation>图表需要 Python 包 matplotlib，QGIS 的 Python 中没有。安装方法：python -m pip install matplotlib（Debian：apt install python3-matplotlib）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="69"/>
        <source>no denominator</source>
        <translation>无分母</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="73"/>
        <source>warning {level}%</source>
        <translation>预警线 {level}%</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="76"/>
        <source>accountability {level}%</source>
        <translation>问责线 {level}%</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="81"/>
        <source>illegal cultivated land ÷ new construction (%)</source>
        <translation>违法占用耕地 ÷ 新增建设占用耕地（%）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="82"/>
        <source>Illegal occupation ratio by county</source>
        <translation>各县违法占用耕地比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="95"/>
        <source>in reserve</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="96"/>
        <source>consumed</source>
        <translation>已消耗</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="97"/>
        <source>frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="98"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="99"/>
        <source>area (mu)</source>
        <translation>数量（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="100"/>
        <source>paddy (mu)</source>
        <translation>水田（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="101"/>
        <source>capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_charts.py" line="116"/>
        <source>Ledgers of {region} ({level})</source>
        <translation>{region}（{level}）台账</translation>
    </message>
</context>
<context>
    <name>LedgerDock</name>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="102"/>
        <source>Ledgers</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="120"/>
        <source>Current work store</source>
        <translation>当前工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="132"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="134"/>
        <source>Reserve</source>
        <translation>储备库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="135"/>
        <source>Construction occupations</source>
        <translation>建设占用</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="136"/>
        <source>Illegal occupations</source>
        <translation>违法占用</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="137"/>
        <source>Flows (optional)</source>
        <translation>进出（可选）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="138"/>
        <source>Denominators (optional)</source>
        <translation>分母（可选）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="139"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="151"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="153"/>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="155"/>
        <source>Read the inputs again (a file changed outside QGIS) and compute</source>
        <translation>重新读取输入（文件在 QGIS 之外修改过时）并计算</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="170"/>
        <source>Quota withheld for new illegal land</source>
        <translation>增违挂钩</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="178"/>
        <source>Out-flows from permanent basic farmland</source>
        <translation>永久基本农田流出</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="190"/>
        <source>Occupation and compensation</source>
        <translation>占补平衡</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="191"/>
        <source>In and out</source>
        <translation>进出平衡</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="192"/>
        <source>Illegal occupation ratio</source>
        <translation>违法比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="198"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="483"/>
        <source>Pick the reserve, the construction occupations and the illegal occupations (a layer, or the current work store).</source>
        <translation>请选择储备库、建设占用和违法占用（图层，或当前工作库）。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="286"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="477"/>
        <source>No work store is open: open one, or pick a layer of illegal occupations.</source>
        <translation>没有打开的工作库：请打开一个，或选择违法占用图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="486"/>
        <source>Computing the ledgers</source>
        <translation>正在计算台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="528"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="521"/>
        <source>The occupation and compensation table is not computed: it needs the quality grade (ZLDB) of every illegal occupation that freezes. The rest is shown.</source>
        <translation>未计算占补平衡表：冻结指标的每条违法占用都需要质量等别（ZLDB）。其余各表照常显示。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="576"/>
        <source>Pick a region in the table for its chart.</source>
        <translation>在表中选择一个行政区以显示其图表。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="583"/>
        <source>No ratio yet: it needs illegal occupations.</source>
        <translation>尚无比例：需要违法占用数据。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="600"/>
        <source>Export the chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="628"/>
        <source>{figure} of {region}: {count} entries (double click a patch to see it on the map)</source>
        <translation>{region} 的{figure}：{count} 条（双击图斑可在地图上查看）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="628"/>
        <source>Nothing is listed behind {figure} of {region}.</source>
        <translation>{region} 的{figure}没有可列出的明细。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="674"/>
        <source>Patch {jcbh} is in no layer of the map: add the illegal layer with its geometry, or open its work store.</source>
        <translation>图斑 {jcbh} 不在地图的任何图层中：请添加带几何的违法图层，或打开其工作库。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="251"/>
        <source>Fields…</source>
        <translation>字段…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="253"/>
        <source>Which field of the layer holds each field of the table</source>
        <translation>图层的哪个字段对应表的各个字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="350"/>
        <source>{layer}: the field mapping of {fields} is dropped: the layer has no such field any more.</source>
        <translation>{layer}：字段对应 {fields} 已删除：图层中已没有该字段。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_dock.py" line="531"/>
        <source>A field is named otherwise in the layer: name it with Fields… beside its picker.</source>
        <translation>图层中的字段名称不同：请用选择框旁的“字段…”指定。</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="20"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="71"/>
        <source>Region code</source>
        <translation>行政区代码</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="80"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="23"/>
        <source>Reserve area</source>
        <translation>库存数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="24"/>
        <source>Reserve paddy</source>
        <translation>库存水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="25"/>
        <source>Reserve capacity</source>
        <translation>库存产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="26"/>
        <source>Consumed area</source>
        <translation>已消耗数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="27"/>
        <source>Consumed paddy</source>
        <translation>已消耗水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="28"/>
        <source>Consumed capacity</source>
        <translation>已消耗产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="29"/>
        <source>Frozen area</source>
        <translation>冻结数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="30"/>
        <source>Frozen paddy</source>
        <translation>冻结水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="31"/>
        <source>Frozen capacity</source>
        <translation>冻结产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="32"/>
        <source>Available area</source>
        <translation>可用数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="33"/>
        <source>Available paddy</source>
        <translation>可用水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="34"/>
        <source>Available capacity</source>
        <translation>可用产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="35"/>
        <source>Shortfall area</source>
        <translation>缺口数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="36"/>
        <source>Shortfall paddy</source>
        <translation>缺口水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="37"/>
        <source>Shortfall capacity</source>
        <translation>缺口产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="38"/>
        <source>Compensate-first violations</source>
        <translation>先补后占违规</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="39"/>
        <source>Balanced</source>
        <translation>是否平衡</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="41"/>
        <source>Plan year</source>
        <translation>计划年度</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="84"/>
        <source>Illegal area</source>
        <translation>违法面积</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="43"/>
        <source>Withheld</source>
        <translation>暂扣</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="44"/>
        <source>Returned</source>
        <translation>退还</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="45"/>
        <source>Deducted</source>
        <translation>扣减</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="46"/>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="48"/>
        <source>Regime</source>
        <translation>制度</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="49"/>
        <source>Out-flow area</source>
        <translation>流出数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="50"/>
        <source>Out-flow paddy</source>
        <translation>流出水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="51"/>
        <source>Out-flow capacity</source>
        <translation>流出产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="52"/>
        <source>In-flow area</source>
        <translation>流入数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="53"/>
        <source>In-flow paddy</source>
        <translation>流入水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="54"/>
        <source>In-flow capacity</source>
        <translation>流入产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="55"/>
        <source>Out-flows from permanent basic farmland</source>
        <translation>永久基本农田流出</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="57"/>
        <source>Illegal cultivated land</source>
        <translation>违法占用耕地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="58"/>
        <source>Illegal cultivated land (gross)</source>
        <translation>违法占用耕地（含田坎）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="59"/>
        <source>New construction on cultivated land</source>
        <translation>新增建设占用耕地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="60"/>
        <source>Denominator from</source>
        <translation>分母来源</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="61"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="62"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="63"/>
        <source>Interview</source>
        <translation>约谈</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="64"/>
        <source>Interview reason</source>
        <translation>约谈理由</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="66"/>
        <source>Occupation</source>
        <translation>占用项目</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="67"/>
        <source>Reserve entry</source>
        <translation>储备项目</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="68"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="69"/>
        <source>Amount</source>
        <translation>数额</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="70"/>
        <source>Patch ID</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="72"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="73"/>
        <source>Later entries hold some</source>
        <translation>违反先补后占</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="74"/>
        <source>Short for</source>
        <translation>缺口类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="75"/>
        <source>Project ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="76"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="77"/>
        <source>Consumed</source>
        <translation>已消耗</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="78"/>
        <source>Frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="79"/>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="81"/>
        <source>Cultivated land</source>
        <translation>耕地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="82"/>
        <source>Paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="83"/>
        <source>Capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="85"/>
        <source>Cultivated land (gross)</source>
        <translation>耕地（含田坎）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="86"/>
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="87"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="88"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="89"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="90"/>
        <source>Land class before</source>
        <translation>原地类</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="91"/>
        <source>Land class after</source>
        <translation>现地类</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="92"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="94"/>
        <source>area</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="95"/>
        <source>paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="96"/>
        <source>capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="113"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/ledger_model.py" line="114"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>LinkReportsAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="47"/>
        <source>Link field reports to patches (巡田上报)</source>
        <translation>巡田上报关联图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="50"/>
        <source>Reads the reports a field app exported (CSV, xlsx, GeoJSON or any layer: time SBSJ, reporter SBR, description SBMS, photo path ZPLJ, and longitude/latitude fields such as X/Y, LON/LAT, 经度/纬度, or a point geometry) into the work store, then links every report of the store to the patch it lies in (JL 0), else to the nearest patch within MAX_DISTANCE geodesic metres (default: the profile's, 50 m nationally). SFXY is 是 when the report came before the patch's after-image date HSX. Coordinates are CGCS2000 degrees unless CRS is given. A pair that fits China only swapped is read swapped, with a warning; projected coordinates given without their CRS, and reports without coordinates, are refused, naming the row; a photo that does not exist (relative to the file's folder) is listed and ZPCZ set to 0. Importing the same file again replaces its reports. The output table lists every report of the file with its link and problems.</source>
        <translation>将巡田 App 导出的上报记录（CSV、xlsx、GeoJSON 或任意图层：时间 SBSJ、上报人 SBR、描述 SBMS、照片路径 ZPLJ，以及 X/Y、LON/LAT、经度/纬度 等经纬度字段或点几何）读入工作库，然后把库中每条上报关联到其所在的图斑（JL 为 0），否则关联到 MAX_DISTANCE 大地线米以内最近的图斑（默认取配置方案的值，全国为 50 米）。上报时间早于图斑后时相 HSX 时 SFXY 为 是。坐标默认为 CGCS2000 经纬度，除非指定 CRS。只有对调后才落在中国境内的坐标按对调读取并给出警告；未指定坐标系的投影坐标和没有坐标的记录被拒绝，并指明行号；不存在的照片（相对于文件所在文件夹）会列出，ZPCZ 记为 0。再次导入同一文件会替换其原有上报。输出表列出该文件每条上报的关联结果和问题。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="65"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="68"/>
        <source>Reports (a table, CSV, xlsx or point layer)</source>
        <translation>上报记录（表格、CSV、xlsx 或点图层）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="71"/>
        <source>CRS of the coordinate fields when not CGCS2000 degrees</source>
        <translation>坐标字段的坐标系（不是 CGCS2000 经纬度时）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="74"/>
        <source>Largest distance to a patch (m; empty: the profile&apos;s)</source>
        <translation>到图斑的最大距离（米；留空：取配置方案的值）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="77"/>
        <source>Reports with their link and problems</source>
        <translation>上报记录及其关联结果和问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="80"/>
        <source>Reports linked</source>
        <translation>已关联的上报</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="81"/>
        <source>Reports not linked</source>
        <translation>未关联的上报</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="82"/>
        <source>Reports before the satellite (SFXY 是)</source>
        <translation>早于卫片发现的上报（SFXY 是）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/link_reports.py" line="136"/>
        <source>{imported} reports imported from {name}; in the store {linked} linked, {unlinked} not linked, {early} before the satellite</source>
        <translation>从 {name} 导入 {imported} 条上报；库中已关联 {linked} 条，未关联 {unlinked} 条，早于卫片 {early} 条</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="50"/>
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="68"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="75"/>
        <source>National field ← field in the file</source>
        <translation>国家标准字段 ← 文件中的字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="80"/>
        <source>Preview of the first rows</source>
        <translation>前几行预览</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="50"/>
        <source>Field mapping: {source}</source>
        <translation>字段对应：{source}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/mapping_dialog.py" line="77"/>
        <source>Choose a field for each one marked *.</source>
        <translation>请为每个带 * 的字段选择对应字段。</translation>
    </message>
</context>
<context>
    <name>NewProblemDialog</name>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="89"/>
        <source>New problem</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="111"/>
        <source>Patch ids, separated by commas</source>
        <translation>监测编号，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="112"/>
        <source>Map selection</source>
        <translation>取地图选择</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="114"/>
        <source>The patches selected in the store&apos;s patches layer</source>
        <translation>工作库图斑图层中选中的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="122"/>
        <source>No location</source>
        <translation>无位置</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="123"/>
        <source>Outline of the selected patches</source>
        <translation>选中图斑的范围</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="124"/>
        <source>A point clicked on the map</source>
        <translation>地图上点选的点</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="125"/>
        <source>Click on the map…</source>
        <translation>在地图上点选…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="135"/>
        <source>Source</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="136"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="137"/>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="138"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="139"/>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="140"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="141"/>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="142"/>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="143"/>
        <source>Patches</source>
        <translation>关联图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="144"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="217"/>
        <source>No patch is selected in the store&apos;s patches layer.</source>
        <translation>工作库图斑图层中没有选中的图斑。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="185"/>
        <source>click on the map</source>
        <translation>请在地图上点击</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_form.py" line="212"/>
        <source>Click the problem&apos;s point on the map first.</source>
        <translation>请先在地图上点选问题的位置。</translation>
    </message>
</context>
<context>
    <name>ParcelTools</name>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="50"/>
        <source>Patch or parcel</source>
        <translation>图斑或地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="51"/>
        <source>Cut along a line ({keys})</source>
        <translation>沿线分割（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="54"/>
        <source>Split by land use</source>
        <translation>按地类分割</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="56"/>
        <source>Merge parcels</source>
        <translation>合并地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="62"/>
        <source>The land-use layer (with DLBM) to split by</source>
        <translation>用于分割的地类图层（含 DLBM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="67"/>
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="81"/>
        <source>Whole patch {jcbh} ({area} mu)</source>
        <translation>整个图斑 {jcbh}（{area} 亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="136"/>
        <source>Click across the patch to draw the cut; right-click or {finish} to finish, {give_up} to give up.</source>
        <translation>在图斑上点击绘制分割线；右键或 {finish} 结束，{give_up} 放弃。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="164"/>
        <source>Pick a land-use layer with a DLBM field to split by.</source>
        <translation>请选择含 DLBM 字段的地类图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="196"/>
        <source>{jcbh}: the geometry cannot be split ({error})</source>
        <translation>{jcbh}：图形无法分割（{error}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/parcel_tools.py" line="202"/>
        <source>{jcbh}: {count} parcels.</source>
        <translation>{jcbh}：{count} 个地块。</translation>
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
        <location filename="../farmland_guard/processing/precheck.py" line="97"/>
        <source>Precheck patches (overlay with land use, farmland, red line, approvals)</source>
        <translation>图斑套合分析（地类、永农、红线、批准用地）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="133"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="135"/>
        <source>Ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="147"/>
        <source>Prechecked patches</source>
        <translation>套合后的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="213"/>
        <source>The land-use layer has no DLBM field.</source>
        <translation>地类图层没有 DLBM 字段。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="272"/>
        <source>Precheck cancelled.</source>
        <translation>套合分析已取消。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="127"/>
        <source>Change patches (with JCBH; TBLX and HSX where known)</source>
        <translation>变化图斑（含 JCBH；尽量含 TBLX 和 HSX）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="137"/>
        <source>Approval layers (PZLX, PZRQ, YXQZ, PZWH, PZJG where present)</source>
        <translation>批准用地图层（如有则读取 PZLX、PZRQ、YXQZ、PZWH、PZJG）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="140"/>
        <source>Kind of each approval layer, in order, comma-separated (for features without PZLX; empty: 农转用批文)</source>
        <translation>各批准用地图层的类型，按顺序以逗号分隔（用于无 PZLX 的要素；留空为农转用批文）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="144"/>
        <source>Profile of the precheck rules ({profiles}, auto)</source>
        <translation>预检规则方案（{profiles}、auto）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="160"/>
        <source>Unknown profile {profile}; the profiles are: {known}, auto</source>
        <translation>未知方案 {profile}；可用方案：{known}、auto</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="176"/>
        <source>APPROVAL_KINDS lists {given} kind(s) for {count} approval layer(s): give one per layer, in the order of APPROVALS, separated by commas (leave one empty for a layer whose features carry PZLX)</source>
        <translation>APPROVAL_KINDS 给出了 {given} 个类型，而批准用地图层有 {count} 个：请按 APPROVALS 的顺序为每个图层给出一个类型，以逗号分隔（要素自带 PZLX 的图层可留空）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="184"/>
        <source>APPROVAL_KINDS: &apos;{kind}&apos; is not a kind of approval; the kinds are: {allowed}</source>
        <translation>APPROVAL_KINDS：“{kind}”不是批准用地类型；可用类型：{allowed}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="215"/>
        <source>Rules of profile {profile}.</source>
        <translation>采用方案 {profile} 的规则。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="319"/>
        <source>{layer}: read through GDAL</source>
        <translation>{layer}：通过 GDAL 读取</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="329"/>
        <source>{layer}: read through QGIS</source>
        <translation>{layer}：通过 QGIS 读取</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="102"/>
        <source>Overlays every patch with the land-use layer (DLBM; KCXS for the area net of field banks; GDDB, the quality grade of cultivated land), permanent basic farmland, the ecological red line and the approval layers, and adds their areas on the CGCS2000 ellipsoid in mu (4 decimals): {fields}; DLFZ (mu by land-use group) and PWFZ (mu covered by each kind of approval); GDDB, the quality grade of the cultivated land the patch occupies (the grade covering the largest cultivated area of the patch, the better grade on a tie; empty without cultivated land or without a GDDB field), and a suggested verdict JYPD (合法, 违法, 其他 or 需人工核查) with its sub-type JYLX and its reason JYLY. An approval counts when it is valid at the patch's after-image date HSX: its kind is its PZLX field, else the kind given for its layer in APPROVAL_KINDS, else 农转用批文; PZRQ (approval date), YXQZ (expiry of a 临时用地), PZWH and PZJG are read where present. The patch's TBLX (change type) decides between the rules for agricultural change and for construction. PROFILE chooses the rules (tolerance, whether K-suffixed land counts as cultivated, KCXS in percent): a profile id, or auto for the one the patches' fields match. A layer not given leaves its fields empty. Layers stored in files (GeoPackage, shapefile…) are read directly through GDAL, with the filter set on them in QGIS; others through QGIS. Invalid geometries are repaired and reported.</source>
        <translation>将每个图斑与地类图斑层（DLBM；扣除田坎的面积用 KCXS；耕地质量等别用 GDDB）、永久基本农田、生态保护红线和批准用地图层套合，按 CGCS2000 椭球面积以亩为单位（4 位小数）添加：{fields}；DLFZ（按地类分组的亩数）和 PWFZ（各类批准用地覆盖的亩数）；GDDB，图斑所占耕地的质量等别（取覆盖图斑内耕地面积最大的等别，面积相同取较优即数字较小的等别；无耕地或地类图斑层无 GDDB 字段时为空），以及建议判定 JYPD（合法、违法、其他或需人工核查）及其类型 JYLX 和理由 JYLY。批准用地在图斑后时相 HSX 时有效才计入：其类型取 PZLX 字段，否则取 APPROVAL_KINDS 中为该图层指定的类型，否则为农转用批文；有 PZRQ（批准日期）、YXQZ（临时用地有效期至）、PZWH 和 PZJG 字段时一并读取。图斑的 TBLX（图斑类型）决定适用农业类变化规则还是建设类规则。PROFILE 选择规则（容差、K 类可调整地类是否计为耕地、KCXS 是否为百分数）：填写方案编号，或 auto 按图斑字段自动匹配。未提供的图层，其字段留空。存于文件中的图层（GeoPackage、shapefile 等）直接通过 GDAL 读取，并保留在 QGIS 中设置的过滤条件；其他图层通过 QGIS 读取。无效几何会被修复并报告。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/precheck.py" line="130"/>
        <source>Land use (DLTB, with DLBM; KCXS and GDDB where present)</source>
        <translation>地类图斑（DLTB，含 DLBM；如有则读取 KCXS 和 GDDB）</translation>
    </message>
</context>
<context>
    <name>PrecheckDialog</name>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="78"/>
        <source>Precheck (overlay)</source>
        <translation>套合分析</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="108"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="110"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="116"/>
        <source>Land use (with DLBM)</source>
        <translation>地类图斑（含 DLBM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="117"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="118"/>
        <source>Ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="119"/>
        <source>Approvals</source>
        <translation>批准用地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="147"/>
        <source>{layer} is not a file layer; save it to a GeoPackage first, or run the Processing algorithm, which takes any layer</source>
        <translation>{layer} 不是文件图层；请先另存为 GeoPackage，或使用可接受任何图层的处理工具算法</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="153"/>
        <source>Pick the land-use layer.</source>
        <translation>请选择地类图层。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="170"/>
        <source>Precheck of {store}</source>
        <translation>套合分析 {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="175"/>
        <source>Overlaying…</source>
        <translation>正在套合…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="189"/>
        <source>Cancelled; the store is as it was.</source>
        <translation>已取消；工作库保持原样。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="195"/>
        <source>{patches} patches and {parcels} parcels overlaid; suggested: {counts}.</source>
        <translation>已套合 {patches} 个图斑和 {parcels} 个地块；建议：{counts}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="193"/>
        <source>no suggestion</source>
        <translation>无建议</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/precheck_dialog.py" line="120"/>
        <source>Kind of the approval layer picked</source>
        <translation>所选批准图层的类型</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="19"/>
        <source>Problem</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="20"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="21"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="22"/>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="23"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="24"/>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="25"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="26"/>
        <source>State</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="27"/>
        <source>Case</source>
        <translation>案件状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="28"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/problem_model.py" line="88"/>
        <source>Overdue by {days} days</source>
        <translation>已逾期 {days} 天</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="31"/>
        <source>Patch ID</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="31"/>
        <source>Type</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="31"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="31"/>
        <source>State</source>
        <translation>核查状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="32"/>
        <source>Verdict</source>
        <translation>判定类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="32"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="32"/>
        <source>Suggested</source>
        <translation>建议判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_model.py" line="61"/>
        <source>A problem of this patch is past its rectification deadline</source>
        <translation>该图斑有问题已超过整改期限</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="66"/>
        <source>Precheck (overlay)…</source>
        <translation>套合分析…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="73"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="74"/>
        <source>All verdicts</source>
        <translation>全部判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="78"/>
        <source>All types</source>
        <translation>全部图斑类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="81"/>
        <source>Permanent farmland</source>
        <translation>永农</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="82"/>
        <source>Red line</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="83"/>
        <source>Returned</source>
        <translation>省级退回</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="84"/>
        <source>Flagged</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="129"/>
        <source>{done} of {total} verified</source>
        <translation>已核查 {done} / {total}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="68"/>
        <source>Filter by patch ID…</source>
        <translation>按监测编号筛选…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="71"/>
        <source>Go to patch ID ({keys})</source>
        <translation>转到监测编号（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="75"/>
        <source>All suggestions</source>
        <translation>全部建议判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="76"/>
        <source>The precheck&apos;s suggested verdict</source>
        <translation>套合分析的建议判定</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="85"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="87"/>
        <source>Patches with a problem past its rectification deadline</source>
        <translation>有问题超过整改期限的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="88"/>
        <source>All cases</source>
        <translation>全部案件状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/queue_panel.py" line="90"/>
        <source>The case state of the patch&apos;s problems</source>
        <translation>图斑所涉问题的案件状态</translation>
    </message>
</context>
<context>
    <name>RankingAlgorithm</name>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="46"/>
        <source>Red and black lists (红黑榜)</source>
        <translation>红黑榜</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="49"/>
        <source>Ranks the towns (XZDM) or the 田长 of a level (of each patch's grid) for a period (START to END, both included) on four figures: new illegal farmland (the WFGDMJ of the patches judged 违法 whose HSX falls in the period, mu; less is better), verification rate (patches with a verdict ÷ patches), rectification rate (problems of the period closed 已销号 ÷ all, by their PDRQ) and early-report share (违法 patches a field report saw before the satellite, SFXY 是, ÷ 违法 patches). Each figure is scored 0–100 min–max across the units (illegal farmland inverted; all equal: 100); the total is the weighted mean with the weights of the profile's [ranking] section (a unit without a figure is judged on the figures it has, or scores 0 for it, as the profile says). Equal totals are ordered by the profile's tie rule (nationally less new illegal farmland, then the higher rectification rate, then the unit code). The red list (红榜) is the first red_size units, the black list (黑榜) the last black_size of the others. Every row gives the figures, the scores and the patches and problems behind them; patches and problems without a unit or a date are listed in the log and the workbook.</source>
        <translation>按统计期（START 至 END，含首尾两日）对乡镇（XZDM）或某一级田长（按图斑所在网格）排名，依据四项指标：新增违法耕地（后时相 HSX 在统计期内、判定为违法的图斑的 WFGDMJ 之和，亩；越少越好）、核查率（已判定图斑数 ÷ 图斑数）、整改完成率（按判定日期 PDRQ 在统计期内的问题，已销号 ÷ 全部）、提前上报率（巡田上报早于卫片发现（SFXY 是）的违法图斑数 ÷ 违法图斑数）。各项指标在各单位间按最小–最大法折算为 0–100 分（新增违法耕地反向计分；各单位相同则均为 100 分）；总分为按配置 [ranking] 节权重的加权平均（缺少某项指标的单位，按配置或只以其已有指标计分，或该项记 0 分）。总分相同时按配置的同分规则排序（全国默认：新增违法耕地少者在前，其次整改完成率高者在前，最后按单位代码）。红榜为前 red_size 个单位，黑榜为其余单位中的后 black_size 个。每行列出各项指标、得分及其背后的图斑和问题；无所属单位或无日期的图斑和问题在日志和工作簿中列出。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="67"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="69"/>
        <source>Period start</source>
        <translation>统计期起始日</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="71"/>
        <source>Period end</source>
        <translation>统计期截止日</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>Rank by</source>
        <translation>排名单位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>Town (XZDM)</source>
        <translation>乡镇（XZDM）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>City 田长 (SJTZ)</source>
        <translation>市级田长（SJTZ）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>County 田长 (XJTZ)</source>
        <translation>县级田长（XJTZ）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>Township 田长 (XZTZ)</source>
        <translation>乡级田长（XZTZ）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>Village 田长 (CJTZ)</source>
        <translation>村级田长（CJTZ）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="73"/>
        <source>Grid worker (WGY)</source>
        <translation>网格员（WGY）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="79"/>
        <source>Red and black lists</source>
        <translation>红黑榜</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="81"/>
        <source>Red list (units)</source>
        <translation>红榜（单位）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="82"/>
        <source>Black list (units)</source>
        <translation>黑榜（单位）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="89"/>
        <source>{parameter}: not a date</source>
        <translation>{parameter}：不是日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="103"/>
        <source>{path} is not a work store</source>
        <translation>{path} 不是工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="115"/>
        <source>{store}: no {table} layer; read as empty</source>
        <translation>{store}：没有 {table} 图层，按空表读取</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="117"/>
        <source>patches without a unit</source>
        <translation>无所属单位的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="117"/>
        <source>patches without HSX</source>
        <translation>无后时相（HSX）的图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="117"/>
        <source>problems without a unit</source>
        <translation>无所属单位的问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="117"/>
        <source>problems without PDRQ</source>
        <translation>无判定日期（PDRQ）的问题</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="122"/>
        <source>Left out, {what}: {ids}</source>
        <translation>未计入，{what}：{ids}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/processing/ranking.py" line="124"/>
        <source>{count} units ranked from {start} to {end}</source>
        <translation>{start} 至 {end} 共排名 {count} 个单位</translation>
    </message>
</context>
<context>
    <name>RecheckBar</name>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="64"/>
        <source>复核影像: re-check on a newer image</source>
        <translation>复核影像：在更新的影像上复核</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="73"/>
        <source>The date of the re-check image</source>
        <translation>复核影像的日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="75"/>
        <source>整改到位 ({keys})</source>
        <translation>整改到位（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="78"/>
        <source>未到位 ({keys})</source>
        <translation>未到位（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="147"/>
        <source>No problem of this patch is under rectification.</source>
        <translation>该图斑没有正在整改的问题。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="152"/>
        <source>复核：{date} {result}</source>
        <translation>复核：{date} {result}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="156"/>
        <source>{count} problems under rectification, not re-checked yet.</source>
        <translation>{count} 个问题正在整改，尚未复核。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/recheck_bar.py" line="164"/>
        <source>To record a re-check: switch on 复核影像, pick the image and its date, on a patch with a problem under rectification.</source>
        <translation>记录复核：请勾选复核影像，选择影像及其日期，并在有正在整改问题的图斑上操作。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="271"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="283"/>
        <source>Record</source>
        <translation>记录号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="283"/>
        <source>Patch ID</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="283"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="283"/>
        <source>Action</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="283"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="285"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="285"/>
        <source>Repaired</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="286"/>
        <source>Flagged</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="301"/>
        <source>Open the CSV report</source>
        <translation>打开 CSV 报告</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="274"/>
        <source>{records} records read: {imported} imported ({added} new, {updated} updated, {vanished} no longer in the batch, {flagged} to look at again), {repaired} repaired, {marked} marked (area differs from MJ), {rejected} rejected.</source>
        <translation>读取 {records} 条记录：导入 {imported} 条（新增 {added}，更新 {updated}，已移出批次 {vanished}，需复核 {flagged}），修复 {repaired} 条，标记 {marked} 条（面积与 MJ 不符），拒绝 {rejected} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="295"/>
        <source>Double-click a row to see its patch</source>
        <translation>双击一行即可查看其图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/import_dialog.py" line="314"/>
        <source>Record {record} was rejected: it is not in the work store.</source>
        <translation>第 {record} 条记录已被拒绝：工作库中没有该图斑。</translation>
    </message>
</context>
<context>
    <name>ReviewBatchDialog</name>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="72"/>
        <source>Batch review</source>
        <translation>批量审核</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="74"/>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="75"/>
        <source>Send back (return)</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="81"/>
        <source>Review comment (预审意见): needed to return</source>
        <translation>预审意见：退回时必填</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="94"/>
        <source>Decision</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="95"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="124"/>
        <source>{count} results will be {decision} ({states}), with the comment: {comment}. One step, undone with {undo} until it is sent.</source>
        <translation>将{decision} {count} 条结果（{states}），预审意见：{comment}。作为一步操作，上报前可用 {undo} 撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="125"/>
        <source>approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="125"/>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="125"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="131"/>
        <source>Refused — nothing is written while one is:</source>
        <translation>有结果不能审核，未写入任何内容：</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="134"/>
        <source>… and {count} more.</source>
        <translation>……另有 {count} 条。</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="39"/>
        <source>Review comment (预审意见): what to fix — needed to return</source>
        <translation>预审意见：需修改之处（退回时必填）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="41"/>
        <source>Approve ({keys})</source>
        <translation>通过（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="44"/>
        <source>Send back ({keys})</source>
        <translation>退回（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/review_panel.py" line="48"/>
        <source>Batch review…</source>
        <translation>批量审核…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>next patch</source>
        <translation>下一个图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>previous patch</source>
        <translation>上一个图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>next unverified patch</source>
        <translation>下一个未核查图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>verdict {kind}</source>
        <translation>判定为 {kind}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>same as the previous verdict</source>
        <translation>与上一个判定相同</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>batch label: the form&apos;s verdict for the queue selection, the map selection, the filtered queue or an expression, previewed first</source>
        <translation>批量标注：将表单中的判定用于列表中选中的、地图上选中的、筛选后列表中的或表达式选出的图斑，先预览</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>undo verdicts, splits and merges (kept in the store: they survive a restart)</source>
        <translation>撤销判定、分割与合并（记录在工作库中，重启后仍可撤销）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>cut the patch (or the parcels the line crosses) into parcels along a line clicked on the map</source>
        <translation>沿在地图上点击绘制的线将图斑（或线所穿过的地块）分割为地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>while cutting: finish the line (a right-click too)</source>
        <translation>分割时：结束绘线（也可右键）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>while cutting: take the last vertex back</source>
        <translation>分割时：撤回最后一个节点</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>while cutting: give up</source>
        <translation>分割时：放弃</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>previous parcel of the patch</source>
        <translation>图斑的上一个地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>next parcel of the patch</source>
        <translation>图斑的下一个地块</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>swipe the before imagery over the map</source>
        <translation>在地图上卷帘显示前时相影像</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>go to a patch id (the queue&apos;s filters stay as they are)</source>
        <translation>转到某个监测编号（列表筛选保持不变）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>save and go to the next patch</source>
        <translation>保存并转到下一个图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>save, in the workbench (on the map it saves the QGIS project)</source>
        <translation>保存（在工作台中；在地图上保存 QGIS 工程）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>blink between the after and the before imagery</source>
        <translation>在后时相与前时相影像之间闪烁切换</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>审核 mode: approve the result in view (with the comment typed, if any) and go to the next</source>
        <translation>审核模式：通过当前结果（附上已填写的意见），并转到下一条</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>审核 mode: return the result in view with the comment typed (without one: type it, then Enter)</source>
        <translation>审核模式：按已填写的意见退回当前结果（尚未填写时先填写意见，再按 Enter）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>整改台账 dock: undo its last edit or closing (销号) of a problem</source>
        <translation>整改台账面板：撤销最近一次对问题的编辑或销号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>复核影像: the patch's problems rectified (整改到位) on the re-check image</source>
        <translation>复核影像：该图斑的问题在复核影像上整改到位</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/shortcuts.py" line="30"/>
        <source>复核影像: the patch's problems not rectified (未到位) on the re-check image</source>
        <translation>复核影像：该图斑的问题在复核影像上整改未到位</translation>
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
    <name>SyncDock</name>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="131"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="306"/>
        <source>kept in the QGIS authentication manager</source>
        <translation>已保存在 QGIS 认证管理器中</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="77"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="81"/>
        <source>Not signed in.</source>
        <translation>未登录。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="84"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="86"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="87"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="88"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="94"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="94"/>
        <source>County</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="94"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="106"/>
        <source>Pull</source>
        <translation>拉取</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="108"/>
        <source>Download the chosen batch and make it a work store in the folder, as an import does</source>
        <translation>下载所选批次，并像导入一样在该文件夹中生成工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="111"/>
        <source>Batches assigned to me</source>
        <translation>分配给我的批次</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="115"/>
        <source>Into</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="127"/>
        <source>Submit</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="129"/>
        <source>Send the store&apos;s unsent changes to the server</source>
        <translation>将工作库中未上报的更改发送到服务器</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="133"/>
        <source>Send the unsent changes, then take what the server changed: the reviewers&apos; returns and approvals</source>
        <translation>先发送未上报的更改，再接收服务器上的变化：审核退回与通过</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="236"/>
        <source>Resolve conflicts</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="139"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="145"/>
        <source>Work store</source>
        <translation>工作库</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="161"/>
        <source>Patch</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="161"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="161"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="236"/>
        <source>Resolve conflicts ({count})</source>
        <translation>解决冲突（{count}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="395"/>
        <source>No work store is open: pull a batch, or open a work store.</source>
        <translation>尚未打开工作库：请拉取一个批次，或打开工作库。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="260"/>
        <source>Work store: {name}</source>
        <translation>工作库：{name}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="279"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="280"/>
        <source>Unsent changes: {pending} · last sync: {at} · returned patches: {returned}</source>
        <translation>未上报的更改：{pending} · 上次同步：{at} · 退回图斑：{returned}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="284"/>
        <source>conflicts: {count}</source>
        <translation>冲突：{count}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="286"/>
        <source>refused by the server: {count}</source>
        <translation>被服务器拒绝：{count}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="296"/>
        <source>Give the server&apos;s address, starting with https:// (or http://).</source>
        <translation>请输入服务器地址，以 https://（或 http://）开头。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="299"/>
        <source>Give your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="316"/>
        <source>Signing in to {url}</source>
        <translation>正在登录 {url}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="323"/>
        <source>technician</source>
        <translation>核查员</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="323"/>
        <source>reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="324"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="325"/>
        <source>Signed in as {user} ({role}, region {region})</source>
        <translation>已登录：{user}（{role}，行政区 {region}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="330"/>
        <source>Signed in; {count} batches are assigned to you.</source>
        <translation>已登录；分配给您的批次有 {count} 个。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="358"/>
        <source>Give the server&apos;s address and sign in first.</source>
        <translation>请先输入服务器地址并登录。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="361"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="371"/>
        <source>Pulling batch {name}</source>
        <translation>正在拉取批次 {name}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="377"/>
        <source>Pulled into {store}: {imported} patches; {rejected} rejected.</source>
        <translation>已拉取到 {store}：{imported} 个图斑；拒收 {rejected} 个。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="388"/>
        <source>Submitting {store}</source>
        <translation>正在上报 {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="391"/>
        <source>Syncing {store}</source>
        <translation>正在同步 {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="407"/>
        <source>{count} conflicts wait for your choice: Resolve conflicts.</source>
        <translation>有 {count} 个冲突等待您选择：请点击“解决冲突”。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="410"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="416"/>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="418"/>
        <source>duplicate (already accepted)</source>
        <translation>重复（已接收）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="420"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="420"/>
        <source>changed on the server too: choose what to keep</source>
        <translation>服务器上也已更改：请选择保留哪一份</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="422"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="422"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="424"/>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="424"/>
        <source>Reviewer&apos;s comment: {comment}</source>
        <translation>审核意见：{comment}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="445"/>
        <source>{applied} accepted, {duplicate} already accepted, {conflict} conflicts, {rejected} rejected, {taken} updated from the server</source>
        <translation>已接收 {applied} 条，重复（已接收）{duplicate} 条，冲突 {conflict} 条，被拒绝 {rejected} 条，从服务器更新 {taken} 条</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="500"/>
        <source>Cancelled; nothing was lost: what was sent is kept, the rest goes with the next sync.</source>
        <translation>已取消；没有丢失任何内容：已发送的已保留，其余将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="506"/>
        <source>The server asks you to sign in again: {error}</source>
        <translation>服务器要求重新登录：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="512"/>
        <source>The sync failed unexpectedly ({kind}: {error}); nothing was lost. The details are in the QGIS message log.</source>
        <translation>同步意外出错（{kind}：{error}）；没有丢失任何内容。详细信息见 QGIS 日志消息。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/sync_dock.py" line="312"/>
        <source>Give your user name and password: they will be kept in the QGIS authentication manager.</source>
        <translation>请输入用户名和密码：它们将保存在 QGIS 认证管理器中。</translation>
    </message>
</context>
<context>
    <name>SyncNetwork</name>
    <message>
        <location filename="../farmland_guard/gui/network.py" line="94"/>
        <source>The QGIS authentication manager is not available, so the password cannot be kept safely: {why}</source>
        <translation>QGIS 认证管理器不可用，无法安全保存密码：{why}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/network.py" line="118"/>
        <source>The QGIS master password was not given, so the password was not kept.</source>
        <translation>未输入 QGIS 主密码，密码未保存。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/network.py" line="133"/>
        <source>The QGIS authentication manager did not keep the password.</source>
        <translation>QGIS 认证管理器未能保存密码。</translation>
    </message>
</context>
<context>
    <name>VerdictForm</name>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="123"/>
        <source>Verdict</source>
        <translation>判定类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="159"/>
        <source>Sub-type</source>
        <translation>核查后类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="159"/>
        <source>Kind of violation</source>
        <translation>违法类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="175"/>
        <source>Approval number</source>
        <translation>批准文号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="175"/>
        <source>Approving authority</source>
        <translation>批准机关</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="176"/>
        <source>Approval date</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="176"/>
        <source>Valid until (temporary use)</source>
        <translation>有效期至（临时用地）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="177"/>
        <source>Desk note</source>
        <translation>内业说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="177"/>
        <source>Field note</source>
        <translation>外业说明</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="178"/>
        <source>Flag reason</source>
        <translation>标记原因</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="183"/>
        <source>Approved area (mu)</source>
        <translation>批准面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="161"/>
        <source>Illegal area (mu)</source>
        <translation>违法面积（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="161"/>
        <source>of it cultivated (mu)</source>
        <translation>其中违法耕地（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="162"/>
        <source>of that paddy (mu)</source>
        <translation>其中违法水田（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="162"/>
        <source>of it permanent farmland (mu)</source>
        <translation>其中违法永农（亩）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="167"/>
        <source>Counts toward the illegal-occupation ratio</source>
        <translation>纳入违法占用耕地比例计算</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="168"/>
        <source>Key project (exempt from the ratio)</source>
        <translation>重点工程（不计入违法比例）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="169"/>
        <source>Flag for a second look</source>
        <translation>标记待复核</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="191"/>
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="191"/>
        <source>Rectification state</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="208"/>
        <source>Save ({keys})</source>
        <translation>保存（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="211"/>
        <source>Batch label… ({keys})</source>
        <translation>批量标注…（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="145"/>
        <source>Take it</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="146"/>
        <source>Pick the suggested verdict and sub-type</source>
        <translation>选用建议的判定类型及其子类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="148"/>
        <source>Run the precheck…</source>
        <translation>运行套合分析…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="209"/>
        <source>Save and next ({keys})</source>
        <translation>保存并下一个（{keys}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="246"/>
        <source>This parcel was cut after the precheck: its figures are missing, and its illegal areas start from its area alone. Run the precheck again.</source>
        <translation>该地块在套合分析之后分割：缺少其套合面积，违法面积仅按地块面积预填。请重新运行套合分析。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="253"/>
        <source>No precheck yet.</source>
        <translation>尚未进行套合分析。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="258"/>
        <source>Precheck suggests</source>
        <translation>套合分析建议</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>cultivated</source>
        <translation>耕地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>permanent farmland</source>
        <translation>永农</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>red line</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="260"/>
        <source>uncovered cultivated</source>
        <translation>未批耕地</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="266"/>
        <source>{figures} mu</source>
        <translation>{figures} 亩</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="321"/>
        <source>the reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="328"/>
        <source>↩ {state} by {who}: fix and report again</source>
        <translation>↩ {state}（{who}）：请修改后重新上报</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="331"/>
        <source>Review comment (预审意见): {comment}</source>
        <translation>预审意见：{comment}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="331"/>
        <source>none given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="335"/>
        <source>Last review comment, by {who}:</source>
        <translation>上次预审意见（{who}）：</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="264"/>
        <source>(grade {grade})</source>
        <translation>（{grade} 等）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="279"/>
        <source>Grid {wgbm}, plot code {dkdm}</source>
        <translation>网格 {wgbm}，地块代码 {dkdm}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="282"/>
        <source>Grid assignment: {note}</source>
        <translation>网格分配：{note}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="283"/>
        <source>city 田长</source>
        <translation>市级田长</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="283"/>
        <source>county 田长</source>
        <translation>县级田长</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="284"/>
        <source>town 田长</source>
        <translation>乡级田长</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="284"/>
        <source>village 田长</source>
        <translation>村级田长</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="285"/>
        <source>grid officer</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="290"/>
        <source>田长 reported before the satellite ({day} {who})</source>
        <translation>田长早于卫片上报（{day} {who}）</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="302"/>
        <source>deadline {date}</source>
        <translation>期限 {date}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="305"/>
        <source>re-checked {date}: {result}</source>
        <translation>复核 {date}：{result}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="310"/>
        <source>case: {state}</source>
        <translation>案件：{state}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/verdict_form.py" line="312"/>
        <source>Problem {wtbh}: {parts}</source>
        <translation>问题 {wtbh}：{parts}</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="55"/>
        <source>Verification workbench</source>
        <translation>核查工作台</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="224"/>
        <source>Verification workbench — {store}</source>
        <translation>核查工作台 — {store}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="391"/>
        <source>Every patch in view is verified.</source>
        <translation>列表中的图斑均已核查。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="429"/>
        <source>Saved {jcbh}.</source>
        <translation>已保存 {jcbh}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="476"/>
        <source>{changed} patches labelled, {skipped} already judged and skipped; {undo} undoes it.</source>
        <translation>已标注 {changed} 个图斑，跳过已判定的 {skipped} 个；{undo} 可撤销。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="234"/>
        <source>No work store is open: open one (Open work store…, or a recent one) or import a batch, from the menu 耕地卫片核查.</source>
        <translation>尚未打开工作库：请在“耕地卫片核查”菜单中打开工作库（打开工作库…，或最近的工作库），或导入图斑包。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="120"/>
        <source>Verdict</source>
        <translation>判定类型</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="121"/>
        <source>Evidence</source>
        <translation>举证材料</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="122"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="301"/>
        <source>The parcels&apos; precheck figures could not be computed: {error}</source>
        <translation>无法计算地块的套合面积：{error}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="401"/>
        <source>No single patch in the queue has the id {text}.</source>
        <translation>列表中没有唯一匹配 {text} 的图斑。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="482"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="485"/>
        <source>Nothing to redo.</source>
        <translation>没有可重做的操作。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="511"/>
        <source>… and {count} more.</source>
        <translation>……另有 {count} 条。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="96"/>
        <source>审核 mode: approve or return submitted results</source>
        <translation>审核模式：通过或退回已上报的结果</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="331"/>
        <source>{key} is {state}: nothing to review.</source>
        <translation>{key} 为“{state}”：无需审核。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="334"/>
        <source>{key} is {state}: approve → {approved}, return → {returned}. {waiting} results wait for review.</source>
        <translation>{key} 为“{state}”：通过 → {approved}，退回 → {returned}。共 {waiting} 条待审核。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="543"/>
        <source>审核 mode: {count} results wait for review.</source>
        <translation>审核模式：{count} 条结果待审核。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="559"/>
        <source>Switch on 审核 mode to approve or return results.</source>
        <translation>请先打开审核模式，再通过或退回结果。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="571"/>
        <source>Type what is to be fixed (the review comment) and confirm it to return {jcbh}.</source>
        <translation>请填写需修改之处（预审意见）并确认，以退回 {jcbh}。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="592"/>
        <source>{count} approved → {state}</source>
        <translation>已通过 {count} 条 → {state}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="593"/>
        <source>{count} returned → {state}</source>
        <translation>已退回 {count} 条 → {state}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/workbench.py" line="594"/>
        <source>queued to send ({undo} undoes it until then); {waiting} wait for review.</source>
        <translation>已排队待上报（上报前可用 {undo} 撤销）；还有 {waiting} 条待审核。</translation>
    </message>
</context>
<context>
    <name>XiaohaoDialog</name>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="36"/>
        <source>Close problem {wtbh}</source>
        <translation>销号 {wtbh}</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="46"/>
        <source>Closed on</source>
        <translation>销号日期</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="47"/>
        <source>Closed by</source>
        <translation>销号人</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="48"/>
        <source>Reason</source>
        <translation>销号理由</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="53"/>
        <source>Add evidence…</source>
        <translation>添加证据…</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="59"/>
        <source>Close the problem</source>
        <translation>销号</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="89"/>
        <source>{count} files attached: close the problem again.</source>
        <translation>已添加 {count} 个文件：请再次销号。</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="95"/>
        <source>Evidence for {wtbh}</source>
        <translation>{wtbh} 的整改佐证</translation>
    </message>
    <message>
        <location filename="../farmland_guard/gui/xiaohao_dialog.py" line="95"/>
        <source>Photos and documents</source>
        <translation>照片和文件</translation>
    </message>
</context>
</TS>

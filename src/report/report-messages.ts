/**
 * The words of `orderlens report` (the HTML document, shop-document.ts) in the message catalogue: titles, key
 * figures, readings, notes, chart captions, axis names and legends, in English and Chinese. Keys `report.*`;
 * spread into MESSAGES (messages.ts) like the help text, so messages.test.ts holds them to both languages and the
 * same parameters. Parameters come formatted by the document (money, shares, days in the reader's form), or as
 * whole numbers (grouped 1,234 in both languages).
 */
export const REPORT_MESSAGES = {
  'report.title': { en: 'Customer report', zh: '客户分析报告' },
  'report.subtitle': {
    en: '{shops} · as of {day} (orders before this day count) · amounts in {currency}, net of refunds',
    zh: '{shops} · 截至 {day}（统计此日之前的订单）· 金额单位 {currency}，已扣除退款',
  },
  'report.footer': {
    en: 'Made by orderlens {version} from the local database; charts rendered to SVG with Apache ECharts when the file was built. This file makes no network requests.',
    zh: '由 orderlens {version} 根据本地数据库生成；图表在生成时由 Apache ECharts 渲染为 SVG。本文件不发起任何网络请求。',
  },
  'report.dayRange': { en: '{first} – {last}', zh: '{first} 至 {last}' },
  'report.asOfShops': { en: "each shop's own day ({list})", zh: '各店铺各自的日期（{list}）' },
  'report.customersShare': { en: '{n} ({share})', zh: '{n} 位（{share}）' },

  // words several sections use
  'report.w.customers': { en: 'customers', zh: '客户数' },
  'report.w.customersSeries': { en: 'customers', zh: '客户' },
  'report.w.revenue': { en: 'revenue', zh: '收入' },
  'report.w.netRevenueOf': { en: 'net revenue ({currency})', zh: '净收入（{currency}）' },
  'report.w.firstOrderMonth': { en: 'first-order month', zh: '首单月份' },
  'report.w.monthsSince': { en: 'months since the first order', zh: '首单后月数' },
  'report.w.more': { en: 'more', zh: '多' },
  'report.w.fewer': { en: 'fewer', zh: '少' },
  'report.w.churnRate': { en: 'churn rate', zh: '流失率' },
  'report.w.churnedPct': { en: 'churned (%)', zh: '已流失（%）' },
  'report.w.snapshotAsOf': { en: 'snapshot (as of)', zh: '快照（截至日期）' },
  'report.w.snapshot': { en: 'snapshot', zh: '快照数' },
  'report.w.snapshots': { en: 'snapshots', zh: '快照数' },
  'report.w.months': { en: '{n} {n:month|months}', zh: '{n} 个月' },
  'report.w.perYear': { en: '{rate} a year', zh: '每年 {rate}' },
  'report.status.active': { en: 'active', zh: '活跃' },
  'report.status.at_risk': { en: 'at risk', zh: '流失预警' },
  'report.status.churned': { en: 'churned', zh: '已流失' },

  // 1. overview
  'report.overview.title': { en: '1. Overview', zh: '1. 总览' },
  'report.overview.orders': { en: 'orders', zh: '订单数' },
  'report.overview.revenue': { en: 'net revenue', zh: '净收入' },
  'report.overview.repeat': { en: 'repeat buyers (bought on 2+ days)', zh: '复购客户占比（2天及以上有购买）' },
  'report.overview.span': { en: 'first – last order', zh: '首单 – 末单日期' },
  'report.overview.currency': { en: 'currency', zh: '币种' },
  'report.overview.asOf': { en: 'as of', zh: '截至日期' },
  'report.overview.reading': {
    en: '{customers} {customers:customer|customers} placed {orders} {orders:order|orders} worth {revenue} between {first} and {last}.',
    zh: '{first} 至 {last}，{customers} 位客户共下单 {orders} 笔，净收入 {revenue}。',
  },
  'report.overview.repeatReading': {
    en: '{share} of customers came back on another day; their later purchases made {revenueShare} of revenue.',
    zh: '{share} 的客户在另一天再次购买；这些复购带来了 {revenueShare} 的收入。',
  },
  'report.overview.noBuyer': {
    en: '{n} counted {n:order has|orders have} no buyer (an empty or fully masked buyer cell, or no buyer column in the export) and {n:is|are} left out of every customer figure.',
    zh: '{n} 笔计入的订单没有买家（买家单元格为空或被完全遮掩，或导出文件没有买家列），未计入任何客户指标。',
  },
  'report.overview.counted': {
    en: 'Cancelled, unpaid and fully refunded orders never count; revenue is net of refunds.',
    zh: '已取消、未付款和全额退款的订单不计入；收入为扣除退款后的净收入。',
  },
  'report.overview.chart': { en: 'Net revenue per month, from first and from repeat purchases', zh: '每月净收入：首购与复购' },
  'report.overview.month': { en: 'month', zh: '月份' },
  'report.overview.first': { en: 'first purchases', zh: '首购' },
  'report.overview.repeats': { en: 'repeat purchases', zh: '复购' },
  'report.overview.sources': { en: 'Customers per platform and shop', zh: '各平台与店铺的客户数' },

  // 2. RFM segments
  'report.segments.title': { en: '2. RFM segments', zh: '2. RFM 客户细分' },
  'report.segments.cn8': { en: 'the Chinese eight-class model (R, F, M each above or below its mean)', zh: '八类客户模型（R、F、M 各自与均值比较高低）' },
  'report.segments.default': { en: 'the 11-segment map of R score × (F + M)/2, {bins} bins by quantile', zh: 'R 分 × (F + M)/2 的 11 类分群，按分位数分为 {bins} 档' },
  'report.segments.reading': {
    en: 'The largest segment is {largest} ({largestShare} of customers); {richest} bring the most revenue ({richestShare}).',
    zh: '人数最多的分群是{largest}（占客户 {largestShare}）；贡献收入最多的是{richest}（占收入 {richestShare}）。',
  },
  'report.segments.recent': {
    en: 'Customers who bought recently (R score {scores}) are {share} of all and bring {revenueShare} of revenue.',
    zh: '近期购买的客户（R 分 {scores}）占全部客户的 {share}，贡献 {revenueShare} 的收入。',
  },
  'report.segments.bars': { en: 'Share of customers and of revenue per segment', zh: '各分群的客户占比与收入占比' },
  'report.segments.share': { en: 'share (%)', zh: '占比（%）' },
  'report.segments.grid': {
    en: 'The R × FM grid: customers per recency score and (F + M)/2, where the segment map draws its segments',
    zh: 'R × FM 网格：各 R 分与 (F + M)/2 组合的客户数（分群规则即画在此网格上）',
  },
  'report.segments.fmAxis': { en: 'FM = (F score + M score) / 2 ({bins} = most orders and revenue)', zh: 'FM =（F 分 + M 分）/ 2（{bins} = 购买次数与金额最高）' },
  'report.segments.rAxis': { en: 'R score ({bins} = most recent)', zh: 'R 分（{bins} = 最近购买）' },
  'report.segments.count': { en: 'segments', zh: '分群数' },
  'report.segments.scored': { en: 'customers scored', zh: '参与评分客户' },
  'report.segments.table': { en: 'Segments', zh: '分群明细' },
  'report.segments.note': {
    en: 'Segments: {scheme}. Recency is days since the last order before the as-of day.',
    zh: '分群方法：{scheme}。R 为截至日期前最后一次下单距今的天数。',
  },

  // 3. 80/20
  'report.pareto.title': { en: '3. 80/20: who brings the revenue', zh: '3. 二八分析：收入来自谁' },
  'report.pareto.reading': {
    en: 'The top 20% of customers bring {top20} of revenue; {n} {n:customer|customers} ({share}) make 80% of it.',
    zh: '前 20% 的客户贡献了 {top20} 的收入；{n} 位客户（{share}）贡献了 80% 的收入。',
  },
  'report.pareto.gini': {
    en: 'Gini {gini}: 0 would mean every customer spends the same; the closer to 1, the more the shop rests on a few customers.',
    zh: '基尼系数 {gini}：0 表示每位客户消费相同；越接近 1，店铺越依赖少数客户。',
  },
  'report.pareto.chart': { en: 'Cumulative share of revenue by share of customers', zh: '累计收入占比与客户占比' },
  'report.pareto.xAxis': { en: 'customers, highest revenue first (%)', zh: '客户（按收入从高到低，%）' },
  'report.pareto.yAxis': { en: 'share of revenue (%)', zh: '收入占比（%）' },
  'report.pareto.cumulative': { en: 'cumulative revenue', zh: '累计收入' },
  'report.pareto.top20': { en: 'top 20%', zh: '前 20%' },
  'report.pareto.equal': { en: 'everyone spends the same', zh: '人人消费相同' },
  'report.pareto.top20Figure': { en: 'revenue from the top 20%', zh: '前 20% 客户的收入占比' },
  'report.pareto.for80Figure': { en: 'customers making 80% of revenue', zh: '贡献 80% 收入的客户' },
  'report.pareto.giniFigure': { en: 'Gini coefficient', zh: '基尼系数' },
  'report.pareto.classes': { en: 'ABC classes: A until 80% of revenue, B until 95%, C the rest', zh: 'ABC 分类：A 累计至 80% 收入，B 至 95%，C 为其余' },

  // 4. value clusters
  'report.clusters.title': { en: '4. Value clusters', zh: '4. 价值聚类' },
  'report.clusters.tooFew': {
    en: 'Only {n} {n:customer|customers}: k-means needs at least 3 to form key, ordinary and small customers.',
    zh: '仅有 {n} 位客户：k-means 至少需要 3 位客户才能分出重要、普通和小客户。',
  },
  'report.clusters.centres': { en: 'cluster centres', zh: '聚类中心' },
  'report.clusters.sample': {
    en: 'Orders and net revenue per customer (log scales; a seeded sample of {sample} of {n} {n:customer|customers})',
    zh: '每位客户的订单数与净收入（对数刻度；从 {n} 位客户中固定种子抽样 {sample} 位）',
  },
  'report.clusters.every': { en: 'Orders and net revenue per customer (log scales; every customer)', zh: '每位客户的订单数与净收入（对数刻度；全部客户）' },
  'report.clusters.xAxis': { en: 'orders (log scale)', zh: '订单数（对数刻度）' },
  'report.clusters.yAxis': { en: 'net revenue ({currency}, log scale)', zh: '净收入（{currency}，对数刻度）' },
  'report.clusters.method': {
    en: 'k-means on standardized log recency, frequency and monetary value (k = {k}, seed 42), as `orderlens segments` computes it; centres in original units.',
    zh: '对标准化后的对数 R、F、M 做 k-means 聚类（k = {k}，种子 42），与 `orderlens segments` 的计算相同；中心为原始单位。',
  },
  'report.clusters.offScale': {
    en: '{n} {n:customer|customers} with net revenue of 0 or less cannot sit on a log scale and {n:is|are} not drawn.',
    zh: '{n} 位净收入小于等于 0 的客户无法在对数刻度上显示，未画出。',
  },
  'report.clusters.top': {
    en: '{name}: {n} {n:customer|customers} ({share}) {n:brings|bring} {revenueShare} of revenue; {n:its|their} centre bought {frequency} times for {monetary}.',
    zh: '{name}：{n} 位（{share}）贡献 {revenueShare} 的收入；其中心客户购买 {frequency} 次，消费 {monetary}。',
  },
  'report.clusters.bottom': {
    en: '{name}: {n} {n:customer|customers} ({share}) {n:brings|bring} {revenueShare}; {n:its|their} centre last bought {days} {days:day|days} ago.',
    zh: '{name}：{n} 位（{share}）贡献 {revenueShare}；其中心客户上次购买在 {days} 天前。',
  },
  'report.clusters.table': { en: 'Clusters', zh: '聚类明细' },

  // 5. cohorts
  'report.cohorts.title': { en: '5. Cohorts: do new customers come back?', zh: '5. 同期群留存：新客户会回来吗？' },
  'report.cohorts.heatmap': { en: 'Retention: share of each cohort buying in each month since the first order (%)', zh: '留存：各同期群在首单后各月有购买的客户比例（%）' },
  'report.cohorts.moreReturn': { en: 'more return', zh: '回购多' },
  'report.cohorts.retention': { en: 'retention (%)', zh: '留存率（%）' },
  'report.cohorts.curves': { en: 'Cumulative net revenue per customer by months since the first order ({currency})', zh: '首单后各月人均累计净收入（{currency}）' },
  'report.cohorts.perCustomer': { en: 'per customer ({currency})', zh: '人均（{currency}）' },
  'report.cohorts.average': { en: 'average', zh: '平均' },
  'report.cohorts.newest': {
    en: 'The newest {shown} of {total} monthly cohorts are shown; `orderlens cohorts` lists them all.',
    zh: '仅显示最近 {shown} 个月度同期群（共 {total} 个）；`orderlens cohorts` 列出全部。',
  },
  'report.cohorts.ownEnds': {
    en: "The shops end on different days: each cohort's row ends where the data of its earliest-ending shop end (blank after, not zero), and its last cell can count part of a month.",
    zh: '各店铺数据截止日期不同：每个同期群的行在其中最早截止的店铺的数据截止处结束（之后留空而不是 0），最后一格可能只统计了部分月份。',
  },
  'report.cohorts.partial': {
    en: 'The newest month is not over yet at the as-of day: its cells count part of a month.',
    zh: '截至日期时最新一个月尚未结束：其单元格只统计了部分月份。',
  },
  'report.cohorts.blank': {
    en: 'Blank cells are months that have not happened yet; the average weights each cohort by its size.',
    zh: '空白单元格为尚未到来的月份；平均值按同期群规模加权。',
  },
  'report.cohorts.count': { en: 'monthly cohorts', zh: '月度同期群' },
  'report.cohorts.nextMonth': { en: 'buy again the next month', zh: '次月回购' },
  'report.cohorts.after': { en: 'revenue per customer after {k} {k:month|months}', zh: '{k} 个月后人均累计收入' },
  'report.cohorts.reading': {
    en: "On average {m1} of a month's new customers buy again the month after; {k} {k:month|months} on, {mk} buy in that month.",
    zh: '平均而言，每月新客户中有 {m1} 在下个月再次购买；{k} 个月后，仍有 {mk} 在当月购买。',
  },
  'report.cohorts.value': {
    en: 'A new customer brings {first} in the first month and {total} in total after {k} {k:month|months} (cohorts that have got that far).',
    zh: '新客户首月带来 {first}，{k} 个月后累计带来 {total}（仅计已满该月数的同期群）。',
  },

  // 6. churn
  'report.churn.title': { en: '6. Churn', zh: '6. 客户流失' },
  'report.churn.noGaps': {
    en: 'No customer bought on two different days before the as-of day, so there is no gap between purchases to tell a pause from a loss: churn cannot be measured yet.',
    zh: '截至日期前没有客户在两个不同日期购买，无法从购买间隔区分暂停与流失：暂时无法衡量流失。',
  },
  'report.churn.pie': { en: 'Customers by status', zh: '各状态客户' },
  'report.churn.bySegment': { en: 'Churn rate by segment (%)', zh: '各分群流失率（%）' },
  'report.churn.byCohort': { en: 'Churn rate by first-order month (%)', zh: '按首单月份的流失率（%）' },
  'report.churn.line': { en: 'churn line G (days)', zh: '流失阈值 G（天）' },
  'report.churn.reading': {
    en: '{churned} of customers have churned (away longer than their own buying rhythm allows) and {atRisk} are at risk (more than halfway there).',
    zh: '{churned} 的客户已流失（未购买的时间超出其自身购买节奏所允许的范围），{atRisk} 进入流失预警（已超过一半）。',
  },
  'report.churn.segments': {
    en: 'Churn is highest among {worst} ({worstRate}) and lowest among {best} ({bestRate}).',
    zh: '流失率最高的分群是{worst}（{worstRate}），最低的是{best}（{bestRate}）。',
  },
  'report.churn.segmentsSame': { en: 'Every segment has the same churn rate ({rate}).', zh: '各分群的流失率相同（{rate}）。' },
  'report.churn.ruleGiven': {
    en: 'Churned: days since the last order > max(G, {k} × the customer\'s median gap between purchase days); at risk: more than half of that. G = {g} {g:day|days}, given (as `orderlens churn` computes it).',
    zh: '已流失：距最后一次下单的天数超过 G 与 {k} × 该客户购买间隔中位数 两者中的较大者；流失预警：超过其一半。G = {g} 天，为指定值（与 `orderlens churn` 的计算相同）。',
  },
  'report.churn.rulePercentile': {
    en: 'Churned: days since the last order > max(G, {k} × the customer\'s median gap between purchase days); at risk: more than half of that. G = {g} {g:day|days}, the 90th percentile of all gaps between purchase days of repeat customers (as `orderlens churn` computes it).',
    zh: '已流失：距最后一次下单的天数超过 G 与 {k} × 该客户购买间隔中位数 两者中的较大者；流失预警：超过其一半。G = {g} 天，为所有复购客户购买间隔的第 90 百分位数（与 `orderlens churn` 的计算相同）。',
  },

  // 7. lifetime value
  'report.ltv.title': { en: '7. Lifetime value', zh: '7. 客户生命周期价值' },
  'report.ltv.noRepeat': {
    en: 'No customer bought on two different days up to {end}: a repeat-purchase model cannot be fitted, so there is no lifetime value to show.',
    zh: '截至 {end}，没有客户在两个不同的日子购买过：无法拟合复购模型，因此没有客户生命周期价值可显示。',
  },
  'report.ltv.check.not_converged': { en: 'The model fit did not converge: treat these predictions as unreliable.', zh: '模型拟合未收敛：以下预测不可靠。' },
  'report.ltv.check.at_limit': {
    en: '{model} is at a limit of its parameters, where its likelihood is highest: {kind}. The parameters that ran off there are left empty in the table (stand-ins, not estimates); what the data do fix is given instead.',
    zh: '{model} 的似然在其参数的极限处最高：{kind}。在那里跑向极限的参数在表中留空（只是替身，不是估计值）；表中给出数据能确定的量。',
  },
  'report.ltv.check.few_repeat': { en: 'Only {n} repeat {n:customer|customers} (fewer than 100): the estimates are uncertain.', zh: '仅有 {n} 位复购客户（少于 100）：估计值不确定性大。' },
  'report.ltv.check.short_history': { en: 'Only {n} {n:day|days} of history (less than 180): a pause is hard to tell from a loss.', zh: '历史数据仅 {n} 天（少于 180 天）：难以区分暂停与流失。' },
  'report.ltv.check.no_spend_model': { en: 'No repeat customer with positive spend: the spend model cannot be fitted, so there is no CLV.', zh: '没有消费金额为正的复购客户：无法拟合消费模型，因此没有 CLV。' },
  'report.ltv.check.spend_not_converged': {
    en: 'The spend model (Gamma-Gamma) did not converge: its parameters are not shown and there is no expected spend or CLV.',
    zh: '消费模型（Gamma-Gamma）拟合未收敛：不显示其参数，也没有预期消费额和 CLV。',
  },
  'report.ltv.check.infinite_spend_mean': { en: 'Gamma-Gamma q = {q} ≤ 1: one-time buyers get no expected spend or CLV.', zh: 'Gamma-Gamma 模型 q = {q} ≤ 1：一次性购买客户没有预期消费额和 CLV。' },
  'report.ltv.check.bgnbd_one_time_alive': {
    en: 'BG/NBD gives every one-time buyer P(alive) = 1 (a known property of the model), so their expected purchases are high; --model mbgnbd or pnbd lets them drop out.',
    zh: 'BG/NBD 模型认为每位一次性购买客户的存活概率都为 1（该模型的已知特性），因此其预期购买次数偏高；--model mbgnbd 或 pnbd 允许他们流失。',
  },
  'report.ltv.check.spend_correlated': {
    en: 'Frequency and spend are correlated (r = {r}); the spend model assumes they are not, so expected spend may be biased.',
    zh: '购买频次与消费额相关（r = {r}）；消费模型假设二者独立，预期消费额可能有偏差。',
  },
  'report.ltv.histogram': { en: 'Predicted CLV over {horizon}: customers per range ({currency})', zh: '未来 {horizon} 预测 CLV：各区间客户数（{currency}）' },
  'report.ltv.predictedClv': { en: 'predicted CLV', zh: '预测 CLV' },
  'report.ltv.calibration': {
    en: 'Purchases per customer in the {days}-day holdout after {end}: predicted vs actual',
    zh: '{end} 之后 {days} 天验证期内人均购买次数：预测与实际',
  },
  'report.ltv.repeatDaysBefore': { en: 'repeat purchase days before the holdout', zh: '验证期前的复购天数' },
  'report.ltv.perCustomer': { en: 'purchases per customer', zh: '人均购买次数' },
  'report.ltv.actual': { en: 'actual', zh: '实际' },
  'report.ltv.predicted': { en: 'predicted', zh: '预测' },
  'report.ltv.expected': { en: 'Expected purchases per customer in the next {horizon}, by repeat purchase days so far', zh: '未来 {horizon} 人均预期购买次数（按目前的复购天数）' },
  'report.ltv.repeatDays': { en: 'repeat purchase days so far', zh: '目前的复购天数' },
  'report.ltv.expectedPurchases': { en: 'expected purchases', zh: '预期购买次数' },
  'report.ltv.model': { en: 'model', zh: '模型' },
  'report.ltv.clvTotal': { en: 'predicted CLV, next {horizon}, all customers', zh: '未来 {horizon} 预测 CLV 合计' },
  'report.ltv.clvMean': { en: 'per customer', zh: '人均' },
  'report.ltv.inFit': { en: 'repeat customers in the fit', zh: '参与拟合的复购客户' },
  'report.ltv.likelihood': { en: 'log-likelihood / AIC', zh: '对数似然 / AIC' },
  'report.ltv.reading': {
    en: 'Over the next {horizon} the model expects these customers to bring {total} ({mean} each, discounted {discount}).',
    zh: '模型预计这些客户在未来 {horizon} 带来 {total}（人均 {mean}，按 {discount} 折现）。',
  },
  'report.ltv.holdout': {
    en: 'Checked on the holdout after {end}: {predicted} purchases per customer predicted, {actual} happened.',
    zh: '在 {end} 之后的验证期检验：预测人均购买 {predicted} 次，实际 {actual} 次。',
  },
  'report.ltv.byFrequency': {
    en: 'Customers with {most} repeat purchase days are expected to buy {mostExpected} times each, those with {least} only {leastExpected} times; run with --holdout DATE to check the model against what happened.',
    zh: '复购 {most} 天的客户预计人均购买 {mostExpected} 次，复购 {least} 天的仅 {leastExpected} 次；加上 --holdout 日期 可用实际发生的购买检验模型。',
  },
  'report.ltv.byFrequencyOne': {
    en: 'Every customer has the same number of repeat purchase days ({most}); expected purchases per customer: {mostExpected}. Run with --holdout DATE to check the model against what happened.',
    zh: '每位客户的复购天数都相同（{most}）；人均预期购买次数：{mostExpected}。加上 --holdout 日期 可用实际发生的购买检验模型。',
  },
  'report.ltv.byFrequencyNotLess': {
    en: 'Customers with {most} repeat purchase days are expected to buy {mostExpected} times each, those with {least} {leastExpected} times; run with --holdout DATE to check the model against what happened.',
    zh: '复购 {most} 天的客户预计人均购买 {mostExpected} 次，复购 {least} 天的 {leastExpected} 次；加上 --holdout 日期 可用实际发生的购买检验模型。',
  },
  'report.ltv.readingNoClv': {
    en: 'No lifetime value in money over the next {horizon}: there is no spend model to price the expected purchases (see the notes below).',
    zh: '没有未来 {horizon} 的金额口径生命周期价值：没有消费模型为预期购买定价（原因见下方说明）。',
  },
  'report.ltv.paramsNoSpend': { en: 'Model parameters ({model} per {unit})', zh: '模型参数（{model} 以{unit}为单位）' },
  'report.ltv.params': { en: 'Model parameters ({model} per {unit}; Gamma-Gamma in {currency})', zh: '模型参数（{model} 以{unit}为单位；Gamma-Gamma 以 {currency} 为单位）' },
  'report.ltv.readingNoPurchases': {
    en: 'No lifetime value and no expected purchases: at the parameters where the {model} fit lies (the edge of its parameter space) the model gives no expected purchases for {missing} of {n} {n:customer|customers}, so nothing is summed rather than a total that leaves {missing:that customer|those customers} out. Another model (`--model mbgnbd` or `pnbd`) may give {missing:one|them}.',
    zh: '没有生命周期价值，也没有预期购买次数：{model} 的拟合落在参数空间的边界上，在这组参数下模型对 {n} 位客户中的 {missing} 位给不出预期购买次数，因此不做合计，而不是给出漏掉这些客户的总数。换一个模型（`--model mbgnbd` 或 `pnbd`）也许可以。',
  },
  'report.ltv.methodNoPurchases': {
    en: 'As `orderlens ltv` computes it: {model}, which gives no expected purchases at these parameters (see above); no CLV.',
    zh: '与 `orderlens ltv` 的计算相同：{model}，在这组参数下给不出预期购买次数（见上）；因此没有 CLV。',
  },
  'report.ltv.methodNoClv': {
    en: 'As `orderlens ltv` computes it: {model}, expected purchases over {horizon}; no CLV without a spend model (see above).',
    zh: '与 `orderlens ltv` 的计算相同：{model}，未来 {horizon} 的预期购买次数；没有消费模型，因此没有 CLV（原因见上）。',
  },
  'report.ltv.method': {
    en: 'As `orderlens ltv` computes it: {model} + Gamma-Gamma, CLV over {horizon} discounted {discount}, margin 100%, for {clvCustomers} of {customers} {customers:customer|customers}.',
    zh: '与 `orderlens ltv` 的计算相同：{model} + Gamma-Gamma，未来 {horizon} 的 CLV，按 {discount} 折现，毛利率 100%，覆盖 {customers} 位客户中的 {clvCustomers} 位。',
  },
  'report.ltv.flat': {
    en: 'Each customer ({n} in all) bought on a single day up to {end}, so the data say nothing about how often customers buy or when they stop: no lifetime value is predicted. A later --as-of, or a longer history, gives the model something to fit.',
    zh: '截至 {end}，全部 {n} 位客户都只在同一天购买过，数据无法说明客户多久买一次、何时流失：因此不预测客户生命周期价值。请使用更晚的 --as-of，或导入更长的历史数据。',
  },
  'report.ltv.oneRepeat': {
    en: 'None of the {n} {n:customer|customers} bought on a third day up to {end}: {repeat} came back once (a median of {gap} {gap:day|days} after the first purchase day) and none came back again, so the data cannot tell how long customers keep buying. No model is fitted and no lifetime value is predicted rather than one that cannot be trusted. The history above still stands (revenue, repeat rate); `orderlens ltv --method simple` gives the textbook value, which assumes a lifetime.',
    zh: '截至 {end}，{n} 位客户中没有人在第三个日子购买：{repeat} 位回购过一次（中位数为首次购买后 {gap} 天），之后再没有人回购，数据无法说明客户会持续购买多久。与其给出不可信的数字，这里不拟合模型，也不预测客户生命周期价值。上面的历史数据（收入、复购率）依然成立；`orderlens ltv --method simple` 给出教科书公式的价值，它假定一个生命周期。',
  },
  'report.ltv.repeatCustomers': { en: 'repeat customers', zh: '复购客户' },
  'report.ltv.noFallback': {
    en: 'No lifetime value is predicted: {tried} on {n:this|these} {n} {n:customer|customers}, and with {repeat} repeat {repeat:buyer|buyers} (fewer than about {need}) no other model is fitted in its place. `orderlens report --model auto` fits all three; `orderlens ltv --method simple` gives the textbook value.',
    zh: '不预测客户生命周期价值：{tried}（{n} 位客户）；复购客户只有 {repeat} 位（不足约 {need} 位），不会自动改用其他模型。`orderlens report --model auto` 会拟合全部三个模型；`orderlens ltv --method simple` 给出教科书公式的价值。',
  },
  'report.ltv.noConvergence': {
    en: 'No lifetime value is predicted rather than one that cannot be trusted: {tried} on {n:this|these} {n} {n:customer|customers} ({repeat} repeat {repeat:buyer|buyers}). Try `orderlens ltv --unit day`, another --as-of, or `orderlens ltv --method simple`.',
    zh: '与其给出不可信的数字，这里不预测客户生命周期价值：{tried}（{n} 位客户，其中复购 {repeat} 位）。可尝试 `orderlens ltv --unit day`、换一个 --as-of，或 `orderlens ltv --method simple`。',
  },

  // 8. trend
  'report.trend.title': { en: '8. Trend over snapshots', zh: '8. 快照趋势' },
  'report.trend.skipped': {
    en: '{n} stored {n:snapshot is|snapshots are} left out: in another currency, taken with other --platform/--shop filters than this report, or after its as-of day.',
    zh: '{n} 个已存快照未计入：币种不同、--platform/--shop 筛选与本报告不同，或晚于本报告的截至日期。',
  },
  'report.trend.none': { en: 'No snapshot is stored for this report: a trend needs two or more.', zh: '本报告没有可用的快照：趋势至少需要两个快照。' },
  'report.trend.one': {
    en: 'Only one snapshot is stored for this report ({label}, as of {day}): a trend needs two or more.',
    zh: '本报告只有一个快照（{label}，截至 {day}）：趋势至少需要两个快照。',
  },
  'report.trend.take': {
    en: 'Take one with `orderlens snapshot` (say, every month end), or backfill month ends with `orderlens snapshot --every month --since DATE`.',
    zh: '可用 `orderlens snapshot` 记录快照（例如每个月末一次），或用 `orderlens snapshot --every month --since 日期` 补记过去的月末。',
  },
  'report.trend.customersChart': { en: 'Customers per snapshot: new since the snapshot before, and the others', zh: '各快照的客户数：较上一快照新增的客户与其余客户' },
  'report.trend.before': { en: 'customers before', zh: '原有客户' },
  'report.trend.new': { en: 'new customers', zh: '新增客户' },
  'report.trend.statusChart': {
    en: 'Active, at-risk and churned shares (%), repeat rate and churn rate since the snapshot before',
    zh: '活跃、流失预警、已流失客户占比（%），复购率与较上一快照的流失率',
  },
  'report.trend.repeatRate': { en: 'repeat rate (2+ orders)', zh: '复购率（2 单及以上）' },
  'report.trend.customersOn': { en: 'customers on {day}', zh: '{day} 的客户数' },
  'report.trend.lastChurn': { en: 'churn rate, last period', zh: '最近一期流失率' },
  'report.trend.reading': {
    en: 'From {first} to {last} the customers went from {from} to {to}; the repeat rate (customers with 2 or more orders, where the overview counts purchase days) went from {repeatFrom} to {repeatTo}.',
    zh: '从 {first} 到 {last}，客户数从 {from} 变为 {to}；复购率（下过 2 单及以上的客户；总览按购买天数计）从 {repeatFrom} 变为 {repeatTo}。',
  },
  'report.trend.churn': {
    en: 'Of the customers not churned on {before}, {rate} were churned (or gone) on {last}.',
    zh: '在 {before} 尚未流失的客户中，有 {rate} 到 {last} 已流失（或不再计入）。',
  },
  'report.trend.table': { en: 'Per snapshot, as `orderlens trend` lists it', zh: '各快照指标（与 `orderlens trend` 相同）' },
  'report.trend.note': {
    en: 'Each snapshot keeps the statuses and values computed with its own settings on its own day; churn rate: of the customers not churned in the snapshot before, the share churned in this one.',
    zh: '每个快照保存的是按其自身设置、在其自身日期计算的状态与数值；流失率：上一快照中尚未流失的客户在本快照中已流失的比例。',
  },

  // what `orderlens report` says on the terminal while it writes the file
  'report.step.overview': { en: 'overview', zh: '总览' },
  'report.step.segments': { en: 'segments', zh: '客户细分' },
  'report.step.pareto': { en: 'pareto', zh: '二八分析' },
  'report.step.clusters': { en: 'clusters', zh: '价值聚类' },
  'report.step.cohorts': { en: 'cohorts', zh: '同期群留存' },
  'report.step.churn': { en: 'churn', zh: '流失' },
  'report.step.ltv': { en: 'ltv', zh: '客户生命周期价值' },
  'report.progress': { en: 'report: {done}/{total} {section}', zh: '报告：{done}/{total} {section}' },
  'report.file': { en: 'the report ({kb} KB)', zh: 'HTML 报告，{kb} KB' },
  'report.open': { en: 'open {file} in a browser', zh: '用浏览器打开 {file} 即可查看' },
  'report.noHoldout': {
    en: '--holdout {holdout} leaves no holdout period before --as-of {asOf}: pick an earlier date',
    zh: '--holdout {holdout} 到 --as-of {asOf} 之间没有留出验证期：请选更早的日期',
  },

  // 9. top customers (--customers)
  'report.customers.title': { en: '9. Top {n} {n:customer|customers} by net revenue', zh: '9. 净收入前 {n} 位客户' },
  'report.customers.table': {
    en: 'Customers (display form as stored: masked unless imported with --keep-pii)',
    zh: '客户（按数据库中的显示形式：除非导入时使用 --keep-pii，否则已脱敏）',
  },
  'report.customers.note': { en: 'This section holds per-customer data: share the file with care.', zh: '本节包含单个客户的数据：请谨慎分享本文件。' },
} as const;

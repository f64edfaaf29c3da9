/**
 * The text at the end of a command's help, after its options (definitions, rules, what the output holds), in
 * English and Chinese: keys `help.after.<command>` (`help.after.campaign.split`), and the arguments' descriptions
 * (`help.arg.<command>.<argument>`). src/cli/help-lang.ts adds it in
 * the help's language, then the command's `Examples:` (src/cli/help-examples.ts). Numbers that live in code come
 * in as parameters ({k}: the churn gap multiplier, …), filled by help-lang.ts, which also wraps both languages at
 * 80 columns: a text has one line per paragraph or item (a line already within 80 columns stays as written).
 */
export const HELP_AFTER_MESSAGES = {
  // the arguments of commands (help.arg.<command>.<argument>), shown under Arguments:
  'help.arg.import.files': {
    en: 'export files (CSV, TSV, TXT in UTF-8 or GBK/GB18030; .xlsx); item reports (ExportOrderDetailList*) are read after the order reports',
    zh: '导出文件（UTF-8 或 GBK/GB18030 编码的 CSV、TSV、TXT；.xlsx）；宝贝报表（ExportOrderDetailList*）在订单报表之后读取',
  },
  'help.arg.export.table': { en: 'orders or purchases', zh: 'orders（全部订单）或 purchases（报表读取的购买）' },
  'help.arg.sql-plan.aggregate': { en: 'customers, gaps, cohorts (or the report that reads it: rfm, ltv, churn)', zh: 'customers、gaps、cohorts（或读取它的报表名：rfm、ltv、churn）' },
  'help.arg.sql.query': { en: 'one SELECT statement (quote it)', zh: '一条 SELECT 语句（用引号括起来）' },
  'help.arg.campaign.import.list': { en: 'CSV or xlsx with a header', zh: '带表头的 CSV 或 xlsx' },
  'help.arg.campaign.report.name': { en: 'the campaign', zh: '活动名称' },
  'help.arg.campaign.drop.name': { en: 'the campaign', zh: '活动名称' },

  'help.after.orderlens': {
    en: `Exit codes: 0 ok, 1 data or file error, 2 usage error.
Output: table on a terminal, CSV when piped; --format csv|json|table and --out FILE on every report.
Rows: a report prints its summary (one row per segment, cluster or group) unless --by customer asks for one row per customer.`,
    zh: '退出码：0 成功，1 数据或文件错误，2 用法错误。\n输出：终端里是表格，接管道时是 CSV；每个报表都有 --format csv|json|table 和 --out 文件。\n行：报表默认输出汇总（每个分群、聚类或分组一行），--by customer 时每位客户一行。',
  },
  'help.after.import': {
    en: `Dates: ISO 8601 (with or without time/offset), YYYY/MM/DD, YYYYMMDD, YYYY-MM-DD HH:mm:ss.
Amounts: 1234.5, 1,234.50, ¥1,234.50, $5.00, 62.86元; a decimal comma for ;-delimited files or --decimal-comma.
Times without an offset are read in --tz (default UTC for generic files, Asia/Shanghai for Chinese marketplaces).
Each file is one transaction: an error leaves the database as it was before that file.
Buyer emails, phones and names are stored as a keyed hash under the key in $ORDERLENS_KEY_FILE, else ~/.config/orderlens/key (made 0600 on the first import; copy it to import on a second machine): see README, Personal data. A database made with another key is refused.`,
    zh: `日期：ISO 8601（带不带时间、时区都行）、YYYY/MM/DD、YYYYMMDD、YYYY-MM-DD HH:mm:ss。
金额：1234.5、1,234.50、¥1,234.50、$5.00、62.86元；分号分隔的文件或 --decimal-comma 时以逗号作小数点。
不带时区的时间按 --tz 读（通用文件默认 UTC，国内平台默认 Asia/Shanghai）。
一个文件一个事务：出错时数据库保持导入这个文件之前的样子。
买家的邮箱、手机号和姓名以带密钥的哈希保存，密钥在 $ORDERLENS_KEY_FILE，否则在 ~/.config/orderlens/key（第一次导入时生成，权限 0600；在另一台电脑上导入要把它拷过去）：
见 README“个人信息”一节。用别的密钥建的数据库会被拒绝。`,
  },
  'help.after.rfm': {
    en: `Values, as of --as-of (exclusive: purchases on earlier days count; default the day after the last order):
  recency_days = as-of − last purchase day; frequency = counted orders (--frequency days: distinct purchase days); monetary = net revenue (--monetary gross: before refunds). Cancelled, unpaid and fully refunded orders never count.

Scores 1..k (--bins, default 5; 5 = best; recency reversed: fewer days score higher).
  quantile (default): ntiles. With the n values sorted, cut points c_j = the ⌈j·n/k⌉-th value (j = 1..k−1) and score = 1 + the number of cut points the value exceeds. Tie rule: equal values always get the same score, the score of the lowest position their group occupies (ties go down, never up). When a large tie group spans several ntiles the scores in between stay empty: stderr says so; --show-edges prints the value range of every score.
  fixed: --scoring fixed --r-edges 30,60,90,180 --f-edges 1,2,4,8 --m-edges 100,300,1000,3000 (k−1 increasing thresholds each; a value equal to a threshold falls in the lower bin; --m-edges in currency units). An edge flag without --scoring fixed fixes only that variable.

Segments (--scheme default): R level × fm = (F + M)/2 on a 5-level scale (other k are mapped onto it: level = 1 + round((s−1)·4/(k−1))). Every score combination falls in exactly one segment:
  R 5: fm ≤ 1.5 New (新客户) · 2–3.5 Potential loyalist (潜在忠诚客户) ·
       ≥ 4 Champions (冠军客户)
  R 4: fm ≤ 1.5 Promising (有潜力客户) · 2–3.5 Potential loyalist ·
       4 Loyal (忠诚客户) · ≥ 4.5 Champions
  R 3: fm ≤ 2 About to sleep (即将沉睡客户) · 2.5–3.5 Need attention
       (需要关注客户) · ≥ 4 Loyal
  R 2: fm ≤ 2 Hibernating (休眠客户) · 2.5–4 At risk (久未回购老客户) ·
       ≥ 4.5 Can't lose (不能失去的客户)
  R 1: fm ≤ 2 Lost (已流失客户) · 2.5–3.5 Hibernating · 4 At risk ·
       ≥ 4.5 Can't lose
  --segments FILE.json: your own map, e.g.
  {mapHead}
  {mapTail};
  overlapping or uncovered score combinations are errors.
--scheme cn8: each of R, F, M is high or low against its mean (--split median: median); high means recency_days < split, frequency > split, monetary > split (a value equal to the split is low):
  R/F/M           segment
  high/high/high  重要价值客户 Key value
  high/low/high   重要发展客户 Key development
  low/high/high   重要保持客户 Key retention
  low/low/high    重要挽留客户 Key win-back
  high/high/low   一般价值客户 General value
  high/low/low    一般发展客户 General development
  low/high/low    一般保持客户 General retention
  low/low/low     一般挽留客户 General win-back
--lang zh: segment names in Chinese in every format, Chinese table and CSV headers (a Chinese LANG gives Chinese tables only; CSV stays English).

Output: one row per segment, sorted by revenue (--by customer: one row per customer). --segment NAME: the customers of one segment (English or Chinese name) with customer_key, display form, and contact where the database keeps personal data (import --keep-pii) — a campaign list for --out FILE.csv.`,
    zh: `取值（截至 --as-of，不含当天：之前各天的购买都计入；默认是最后一单的次日）：
  recency_days（R）= 截至日 − 最后购买日；frequency（F）= 有效订单数（--frequency days：不同的购买天数）；monetary（M）= 净收入（--monetary gross：退款前）。已取消、未付款和全额退款的订单不计入。

得分 1..k（--bins，默认 5；5 最好；R 反过来：天数越少分越高）。
  quantile（默认）：按分位数分档。n 个值排好序，切点 c_j = 第 ⌈j·n/k⌉ 个值（j = 1..k−1），得分 = 1 + 该值超过的切点个数。并列规则：相同的值得分总相同，取这组并列值所占最低位置的分（并列往下取，不往上）。一大组并列值跨过几档时，中间的分数会空着：stderr 会说明；--show-edges 列出每个分数的取值范围。
  fixed：--scoring fixed --r-edges 30,60,90,180 --f-edges 1,2,4,8 --m-edges 100,300,1000,3000（各给 k−1 个递增阈值；等于阈值的值落在低的一档；--m-edges 以货币为单位）。不加 --scoring fixed 只给某个阈值参数时，只固定那一个指标。

分群（--scheme default）：R 档 × fm =（F + M）/2，按 5 档换算（其他 k 映射到 5 档：档 = 1 + round((s−1)·4/(k−1))）。每种得分组合恰好落在一个分群里：
  R 5：fm ≤ 1.5 新客户 · 2–3.5 潜在忠诚客户 · ≥ 4 冠军客户
  R 4：fm ≤ 1.5 有潜力客户 · 2–3.5 潜在忠诚客户 · 4 忠诚客户 · ≥ 4.5 冠军客户
  R 3：fm ≤ 2 即将沉睡客户 · 2.5–3.5 需要关注客户 · ≥ 4 忠诚客户
  R 2：fm ≤ 2 休眠客户 · 2.5–4 久未回购老客户 · ≥ 4.5 不能失去的客户
  R 1：fm ≤ 2 已流失客户 · 2.5–3.5 休眠客户 · 4 久未回购老客户 · ≥ 4.5 不能失去的客户
  --segments 文件.json：自己的分群规则，例如
  {mapHead}
  {mapTail}；
  得分组合有重叠或没有覆盖到都算错误。
--scheme cn8（八类客户细分）：R、F、M 各自与平均值比高低（--split median：与中位数比）；“高”指 recency_days < 分界、frequency > 分界、monetary > 分界（等于分界算低）：
  R F M 高/高/高 重要价值客户 · 高/低/高 重要发展客户 · 低/高/高 重要保持客户
  低/低/高 重要挽留客户 · 高/高/低 一般价值客户 · 高/低/低 一般发展客户
  低/高/低 一般保持客户 · 低/低/低 一般挽留客户
--lang zh：所有格式里的分群名称、表格和 CSV 的表头都用中文（中文 LANG 只让终端表格变中文，CSV 仍是英文）。

输出：每个分群一行，按收入排序（--by customer：每位客户一行）。--segment 名称：列出某个分群（中文名或英文名）的客户，带 customer_key、脱敏显示名，数据库保存了个人信息时（import --keep-pii）还带联系方式——用 --out 文件.csv 就是一份营销名单。`,
  },
  'help.after.churn': {
    en: `Rule (adaptive): a customer is churned when the days since the last order exceed
  max(G, k × their median gap between purchase days)
(one-time buyers: G; k: --gap-multiplier, default {k}) and at risk when they exceed half of that; otherwise active. Days since last order = --as-of − the last order day; orders on or after --as-of do not count, and orders on one local day count as one purchase day.
G defaults to the 90th percentile of all gaps between consecutive purchase days of all repeat customers (nearest rank: sort the n gaps, take the ⌈0.9·n⌉-th), taken over every customer read; --days N sets it.
--acquired-since/--acquired-until keep the customers whose first order falls in that window.

--model [bgnbd|pnbd|mbgnbd|auto] (bare --model: mbgnbd) adds a model-based flag beside the rule: p_alive, the model's probability that the customer is still buying (fitted on every customer read, as of the day before --as-of, in weeks; see orderlens ltv), and model_status = churned when p_alive < --p (default 0.3), else active. Group tables then also show model_churned and model_churn_rate. BG/NBD gives every one-time buyer p_alive = 1, hence the MBG/NBD default here.

--by (default segment): churn rate per RFM segment (as of --as-of), platform, shop (platform/shop), cohort (month of the first order) or frequency (orders: 1, 2, 3, 4-5, 6-9, 10+), sorted by revenue at risk (the net revenue to date of the at-risk customers). --by customer lists every customer with a reason; --status keeps one status (and implies --by customer).`,
    zh: `规则（按客户自己的节奏）：距最后一单的天数超过
  max(G, k × 本人购买间隔的中位数)     （只买过一次的客户：G；k：--gap-multiplier，默认 {k}）
算已流失（churned），超过其一半算流失预警（at_risk），其余是活跃（active）。距最后一单天数 = --as-of − 最后下单日；--as-of 当天及以后的订单不计入，同一天（店铺当地日期）的订单算一次购买。
G 默认取所有复购客户相邻两次购买间隔的第 90 百分位数（最近秩：n 个间隔排序后取第 ⌈0.9·n⌉ 个），在读到的全部客户上计算；--days N 直接指定。
--acquired-since/--acquired-until 只保留首单落在这段时间内的客户。

--model [bgnbd|pnbd|mbgnbd|auto]（只写 --model 时为 mbgnbd）在规则旁边再给出模型的判断：p_alive（模型估计客户仍在购买的概率；在读到的全部客户上、截至 --as-of 前一天、以周为单位拟合，见 orderlens ltv），p_alive < --p（默认 0.3）时 model_status = churned，否则 active。分组表格另有 model_churned 和 model_churn_rate 两列。BG/NBD 认为只买过一次的客户 p_alive 都是 1，所以这里默认用 MBG/NBD。

--by（默认 segment）：按 RFM 分群（截至 --as-of）、平台、平台/店铺、同期群（首单月份）或购买次数（1、2、3、4-5、6-9、10+）看流失率，按流失预警客户至今的净收入排序。
--by customer 列出每位客户和原因；--status 只保留一种状态（并隐含 --by customer）。`,
  },
  'help.after.cohorts': {
    en: `Definitions:
  cohort              the period of a customer's first counted order (local days); --period month (default), week (ISO weeks, Monday start) or quarter. --acquired-since/--acquired-until keep the customers whose first order falls in that window; their later orders all count.
  period k            the k-th period after the acquisition period (k = 0 is the acquisition period).
  customers           cohort customers who ordered in period k
  retention           customers / cohort size
  revenue             their net revenue in period k
  orders              their orders in period k
  revenue-retention   revenue in period k / revenue in period 0
  ltv                 cumulative net revenue per customer through period k
  average row         each period's mean over the cohorts that have reached it, weighted by cohort size (retention: Σ customers / Σ size; ltv: Σ cumulative revenue / Σ size); its cohort_size is the number of customers of all cohorts.
Orders on or after --as-of do not count; cells of periods that start on or after it are blank, not zero.
The newest column may be a partial period (said on stderr). --long writes one row per cohort and period with every measure (no average rows). --by splits cohorts by platform, platform/shop or RFM segment (as of --as-of).`,
    zh: `定义：
  同期群（cohort）     客户第一笔有效订单所在的时期（当地日期）；--period month（默认）、week（ISO 周，周一开始）或 quarter。--acquired-since/--acquired-until 只保留首单落在这段时间内的客户，他们之后的订单全部计入。
  第 k 期              获客那一期之后的第 k 期（k = 0 是获客当期）。
  customers           第 k 期有下单的本群客户；retention（留存率）= customers / 群人数
  revenue             他们在第 k 期的净收入；orders：他们在第 k 期的订单数
  revenue-retention   第 k 期收入 / 第 0 期收入
  ltv                 到第 k 期为止本群客户的人均累计净收入
  平均行（average）   已走到该期的各同期群的平均值，按群人数加权（留存率：Σ 客户 / Σ 人数；ltv：Σ 累计收入 / Σ 人数）；它的 cohort_size 是所有同期群的客户总数。
--as-of 当天及以后的订单不计入；在它之后才开始的时期留空，而不是 0。最新一列可能不是完整的一期（stderr 会说明）。--long 每个同期群每一期一行，列出全部指标（没有平均行）。
--by 按平台、平台/店铺或 RFM 分群（截至 --as-of）拆分同期群。`,
  },
  'help.after.pareto': {
    en: `Customers are ranked by revenue (net of refunds; --monetary gross), highest first; equal revenue keeps the customer order of the database, so the ranking is stable. Only purchases before --as-of count (default: all).
  top p%          the ⌈p·n/100⌉ highest-revenue customers and their share of revenue (p = 1, 5, 10, 20, 50)
  80% of revenue  the smallest number of customers whose revenue reaches 80% of the total
  A / B / C       walking down the ranking: A while the customers before make under 80% of revenue (A is the "80% of revenue" group), B while under 95%, C the rest
  all             every customer; the gini column holds the Gini coefficient of revenue per customer (0 = everyone spends the same, towards 1 = one customer has everything; no small-sample correction; negative revenue counts as 0)
--by customer: one row per customer with rank, revenue, share, cumulative share and ABC class.`,
    zh: `客户按收入从高到低排名（扣除退款后的净收入；--monetary gross 为退款前）；收入相同时保持数据库里的客户顺序，所以排名稳定。只计 --as-of 之前的购买（默认：全部）。
  前 p%           收入最高的 ⌈p·n/100⌉ 位客户及其收入占比（p = 1、5、10、20、50）
  贡献 80% 收入   收入累计达到总额 80% 所需的最少客户数
  A / B / C       沿排名往下：前面的客户合计不到 80% 收入时为 A（即“贡献 80% 收入”那一组），不到 95% 时为 B，其余为 C
  全部客户        所有客户；gini 列是每位客户收入的基尼系数（0 = 人人消费相同，越接近 1 越集中在一个人身上；不做小样本修正；负收入按 0 计）
--by customer：每位客户一行，带排名、收入、占比、累计占比和 ABC 分类。`,
  },
  'help.after.segments': {
    en: `k-means on three features per customer: log(1 + recency_days), log(1 + frequency), log(1 + monetary in currency units), each standardized to mean 0 and standard deviation 1. k-means++ seeding from a fixed seed (--seed, default 42), 5 restarts, the lowest within-cluster sum of squares wins: the same data give the same clusters. Above 20,000 customers the restarts run on a seeded sample and the result is refined on all customers.
--k auto tries k = {kFrom}..{kTo} and keeps the highest mean silhouette (on a seeded sample of at most 3,000 customers); stderr lists every k's silhouette.
Clusters are ordered by value (z_F + z_M of the centroid: how often and how much; recency does not rank, its centroid shows who is slipping) and labelled Key customers (重要客户), Ordinary customers (普通客户; numbered when there are several) and Small customers (小客户). Centroids are given in original units (exp of the centroid's log value, − 1: a geometric-mean-like centre), next to plain averages.
For the score-based RFM segments see \`orderlens rfm\`.`,
    zh: `对每位客户的三个特征做 k-means：log(1 + recency_days)、log(1 + frequency)、log(1 + 以货币为单位的 monetary)，各自标准化为均值 0、标准差 1。k-means++ 初始化用固定种子（--seed，默认 42），重启 5 次，取簇内平方和最小的一次：同样的数据得到同样的聚类。
超过 20,000 位客户时，重启在固定种子的抽样上进行，再在全部客户上细化结果。
--k auto 依次尝试 k = {kFrom}..{kTo}，取平均轮廓系数最高的（在最多 3,000 位客户的固定种子抽样上计算）；stderr 列出每个 k 的轮廓系数。
聚类按价值排序（中心的 z_F + z_M：买得多勤、花得多少；R 不参与排序，它的中心显示谁在流失），命名为重要客户、普通客户（有几个时编号）和小客户。中心以原始单位给出（中心对数值取 exp 再减 1，类似几何平均），旁边是普通平均值。
按得分划分的 RFM 客户细分见 \`orderlens rfm\`。`,
  },
  'help.after.ltv': {
    en: `Conventions (lifetimes/CLVTools): purchases on one local day count once; frequency = repeat purchase days; recency = last − first purchase; T = end − first purchase, where the end is the day before --as-of; spend = mean net amount of the repeat purchase days. Customers whose mean repeat spend is ≤ 0 are left out of the spend model. Parameters are per --unit (α, β in days or weeks; γ in the report currency).

CLV = margin × expected spend per purchase × Σ_k (E[purchases by t_k] − E[purchases by t_k−1]) × (1+d)^(−t_k/P): monthly steps t_k = k × 30.4375 days (the last step ends at the horizon), each discounted at its end; d is the --discount rate per period P. Units are exact: 1y = 365.25 days, 1mo = 30.4375 days, 1w = 7 days.

Warnings (stderr) when: a fit does not converge (ltv falls back to the best model that did, or exits 1 when none did or fewer than 100 customers repeated), Gamma-Gamma q ≤ 1, |corr(frequency, spend)| ≥ 0.3, fewer than 100 repeat customers, or under 180 days of history.

Intervals (columns expected_purchases_low/high, clv_low/high; totals on stderr at the level and at 95%): from the fitted parameters' uncertainty, by the delta method on the log-parameters; not the range of what one customer will buy. --interval none leaves them out.

--method simple: the textbook formula, CLV = AOV × purchases per year × expected remaining lifetime × margin × discount factor, each factor in its own column. AOV = net revenue / purchase days (orders on one local day count once); purchases per year = purchase days / max(observed years, --min-span, default 1y), observed years = (the day before --as-of − first purchase + 1 day) / 365.25; lifetime = --lifetime, or 1 / the yearly churn rate: of the customers not churned 365 days before --as-of (orderlens churn's rule and defaults), the share churned at --as-of. The discount factor spreads the purchases evenly over the lifetime in monthly steps, each discounted at its end. Unlike the models it assumes every customer is still buying (it ignores who is already gone). Groups (--by): aov = Σ(aov × purchases per year) / Σ purchases per year, purchases per year = the mean, so the product of the columns is clv_per_customer; the last row, all, is the shop. --holdout: every customer buys at their yearly rate for min(holdout, lifetime), in the model path's backtest table.

--what-if retention+5% (or +0.05, -5%): the value with dropout changed so that one-year retention moves by the points. Models: retention = the expected share of today's live customers still alive a year later; BG/NBD and MBG/NBD move b (mean dropout per purchase a/(a+b)), Pareto/NBD moves β (every dropout rate × β/β'); P(alive) today is kept; values over --horizon. --method simple: the yearly churn rate falls by the points, lifetime = 1 / churn, values over the lifetime. Prints retention, purchases, revenue, margin before/after, margin per retained customer and the break-even cost per customer; --cost-per-customer AMOUNT adds cost and net gain.`,
    zh: `约定（与 lifetimes/CLVTools 相同）：同一天（当地日期）的购买只算一次；frequency = 复购天数；recency = 末次 − 首次购买；T = 截止 − 首次购买，截止是 --as-of 的前一天；spend = 各复购日净金额的平均值。平均复购金额 ≤ 0 的客户不参与消费模型。参数以 --unit 为单位（α、β 以天或周计；γ 以报表币种计）。

CLV = 毛利率 × 每次预期消费 × Σ_k (E[到 t_k 的购买] − E[到 t_k−1 的购买]) × (1+d)^(−t_k/P)：按月分步 t_k = k × 30.4375 天（最后一步止于预测期末），每步在期末折现；d 是每期 P 的 --discount 折现率。单位精确：1y = 365.25 天，1mo = 30.4375 天，1w = 7 天。

以下情况在 stderr 给出警告：拟合未收敛（ltv 改用收敛了的最佳模型；都未收敛或复购客户不到 100 位时退出码为 1）、Gamma-Gamma q ≤ 1、|corr(频次, 消费)| ≥ 0.3、复购客户不到 100 位、历史不到 180 天。

区间（expected_purchases_low/high、clv_low/high 列；合计在 stderr，给出所选水平和 95%）：来自拟合参数的不确定性，对对数参数用 delta 方法；不是单个客户购买多少的范围。
--interval none 不输出区间。

--method simple：教材公式，CLV = 客单价 × 每年购买次数 × 预期剩余年限 × 毛利率 × 折现系数，每个因子各占一列。客单价 = 净收入 / 购买天数（同一天的订单算一次）；每年购买次数 = 购买天数 / max(观察年数, --min-span，默认 1y)，观察年数 =（--as-of 前一天 − 首次购买 + 1 天）/ 365.25；剩余年限 = --lifetime，或 1 / 年流失率：--as-of 前 365 天时尚未流失的客户中，到 --as-of 已流失的比例（orderlens churn 的规则和默认值）。折现系数把购买按月平均摊在剩余年限里，每月在月末折现。与模型不同，它假定每位客户都还在购买（不管谁已经走了）。分组（--by）：客单价 = Σ(客单价 × 每年购买次数) / Σ 每年购买次数，每年购买次数取平均，所以各列相乘就是 clv_per_customer；最后一行 all 是全店。--holdout：每位客户按自己的年购买速度买 min(验证期, 剩余年限)，放进模型那条路径的回测表。

--what-if retention+5%（或 +0.05、-5%）：改变流失，使一年留存率变动这么多个百分点后的价值。模型：留存率 = 今天仍活跃的客户一年后仍活跃的预期比例；BG/NBD 和 MBG/NBD 调整 b（每次购买后的平均流失概率 a/(a+b)），Pareto/NBD 调整 β（每个流失率 × β/β'）；今天的 P(alive) 不变；价值按 --horizon 计算。--method simple：年流失率降低这么多个百分点，剩余年限 = 1 / 流失率，价值按剩余年限计算。输出前后的留存率、购买次数、收入、毛利，每多留住一位客户的毛利和每位客户的盈亏平衡成本；--cost-per-customer 金额 另外给出成本和净收益。`,
  },
  'help.after.report': {
    en: `Writes one HTML file that opens offline in any browser: no scripts, no fonts or images fetched, charts drawn as inline SVG when the file is built (so it also prints and mails well). Sections:
  1 overview        customers, orders, net revenue, repeat buyers, net revenue per month (first vs repeat)
  2 RFM segments    share of customers and of revenue per segment, the R × FM grid, the segment table (the 11-segment map; --lang zh uses the Chinese eight-class model, --scheme overrides)
  3 80/20           Lorenz/Pareto curve with the top-20% share and the Gini coefficient, ABC classes
  4 value clusters  key / ordinary / small customers (k-means, k = 3, seed 42): orders vs net revenue on log scales, a seeded sample of 1,500 customers, and the cluster centres
  5 cohorts         retention heatmap (first-order month × months since, blank future cells; the newest 24 cohorts) and cumulative revenue per customer curves
  6 churn           active / at risk / churned, churn rate by segment and by first-order month, the threshold
  7 lifetime value  predicted CLV over 12 months (discount 10% a year) as a histogram, expected purchases by repeat purchase days (with --holdout: predicted vs actual in the holdout), parameters; when no model can be fitted, the reason (as 'orderlens ltv' gives it) instead
  8 trend           the stored snapshots ('orderlens snapshot') over time: customers new and before, the active / at-risk / churned shares, repeat and churn rate; fewer than two snapshots: says so. Only snapshots in the report's currency, with its --platform/--shop, up to its --as-of
Every number is the one the table commands (rfm, pareto, segments, cohorts, churn, ltv) print for the same --as-of and filters. A section the data cannot answer says so (no repeat buyers: no churn line, no CLV).
No per-customer data is written unless --customers adds the top customers by net revenue.`,
    zh: `生成一个离线就能在任何浏览器里打开的 HTML 文件：不含脚本，不加载字体或图片，图表在生成时画成内嵌 SVG（所以打印、发邮件都方便）。各节：
  1 总览          客户数、订单数、净收入、复购客户，每月净收入（首购与复购）
  2 RFM 客户细分  各分群的客户占比与收入占比、R × FM 网格、分群明细表（11 类；--lang zh 用八类客户细分，--scheme 可改）
  3 二八分析      累计收入曲线（标出前 20% 的占比）、基尼系数、ABC 分类
  4 价值聚类      重要 / 普通 / 小客户（k-means，k = 3，种子 42）：对数刻度的订单数与净收入、固定种子抽样的 1,500 位客户、聚类中心
  5 同期群留存    留存热力图（首单月份 × 首单后月数，未来的格子留空；最近 24 个同期群）和人均累计收入曲线
  6 流失          活跃 / 流失预警 / 已流失，按分群和首单月份的流失率，流失阈值
  7 客户生命周期价值  未来 12 个月预测 CLV 的分布（每年折现 10%）、按复购天数的预期购买次数（加 --holdout：验证期内预测与实际对比）、模型参数；拟合不了模型时写明原因（与 'orderlens ltv' 相同）
  8 快照趋势      已存快照（'orderlens snapshot'）随时间的变化：新老客户、活跃 / 流失预警 / 已流失占比、复购率和流失率；不足两个快照时直说。只用币种、--platform/--shop 与本报告相同、不晚于 --as-of 的快照
每个数字都与各表格命令（rfm、pareto、segments、cohorts、churn、ltv）在相同 --as-of 和筛选条件下输出的一致。数据回答不了的部分会直说（没有复购客户：没有流失线，没有 CLV）。
除非用 --customers 附上净收入最高的客户，文件里不含任何单个客户的数据。`,
  },
  'help.after.export': {
    en: `Tables (one row per order, in the shape README "Past one machine" documents and
sql-plan's SQL reads):
  orders     every stored order, counted or not
  purchases  only the rows reports read: counted orders and returns, with a buyer
Columns: platform, shop, order_id, customer_key, customer (masked), [contact],
  ordered_at (UTC), order_day (the store's local day), status, counted,
  is_return, currency, gross, net (whole minor units).
No clear personal data: customer_key is the keyed hash (or the platform's opaque
id), customer the masked form; --keep-pii adds the clear contact where the
database keeps it (import --keep-pii).`,
    zh: `表（每个订单一行，结构见 README“Past one machine”一节，sql-plan 的 SQL 读的就是它）：
  orders     库里的全部订单，计入的和不计入的
  purchases  只有报表读的行：有买家的有效订单和退货
列：platform、shop、order_id、customer_key、customer（脱敏）、[contact]、ordered_at（UTC）、order_day（店铺当地日期）、status、counted、is_return、currency、gross、net（以分为单位的整数）。
不含明文个人信息：customer_key 是带密钥的哈希（或平台的不透明 ID），customer 是脱敏形式；数据库保存了明文联系方式时（import --keep-pii），--keep-pii 会加上 contact 列。`,
  },
  'help.after.sql-plan': {
    en: `Aggregates (the files the --summary / --counts readers take; README "Past one
machine" lists their columns):
  customers  one row per customer: first and last purchase day, purchase days,
             orders, revenue, gross_revenue, repeat_revenue, frequency,
             recency_days, T_days, median_gap_days (ltv, rfm, churn --summary;
             those report names give it too)
  gaps       gaps between consecutive purchase days, counted per length
             (churn --summary ... --gaps)
  cohorts    customers, orders and revenue per acquisition cohort and period
             since (cohorts --counts)
The table has the columns orderlens export writes (counted, is_return,
order_day, customer_key, net ...); the rules are the reports': counted orders
with a buyer, same-day orders one purchase day, returns reduce net revenue.
DuckDB and SQLite SQL is run in orderlens' tests; BigQuery, Spark and Trino SQL
is syntax-checked there, not run.`,
    zh: `汇总（--summary / --counts 读取的文件；各列见 README“Past one machine”一节）：
  customers  每位客户一行：首末购买日、购买天数、订单数、revenue、gross_revenue、repeat_revenue、frequency、recency_days、T_days、median_gap_days（ltv、rfm、churn --summary 读取；写这几个报表名也是它）
  gaps       相邻两次购买之间的间隔，按长度计数（churn --summary ... --gaps）
  cohorts    每个获客同期群每一期的客户数、订单数和收入（cohorts --counts）
表要有 orderlens export 写出的那些列（counted、is_return、order_day、customer_key、net ……）；规则与报表相同：有买家的有效订单，同一天的订单算一个购买日，退货扣减净收入。
DuckDB 和 SQLite 的 SQL 在 orderlens 的测试里实际运行过；BigQuery、Spark 和 Trino 的 SQL 只做了语法检查，没有实际运行。`,
  },
  'help.after.snapshot': {
    en: `A snapshot holds, per customer, what the reports say as of --as-of (exclusive, as everywhere: purchases on earlier days count): the RFM values, scores and segment of 'orderlens rfm --as-of D', the churn status of 'orderlens churn --as-of D' (omitted while no customer has bought twice), and P(alive) and CLV of 'orderlens ltv --as-of D' when ltv gives them (a model that converged; on fewer than {minRepeat} repeat customers with ltv's warning that they are uncertain; --model none: no model). The settings used are stored with it; 'orderlens snapshots' lists them.

--every month --since D [--until D]: one snapshot per month end E from --since to --until (default: the last order day), each as of the day after E (the 1st of the next month), labelled by that as-of day. The history is computed from the orders, so a new shop gets its past months in one run, and a rerun takes only the month ends not stored yet (it names the ones it keeps). A single snapshot whose label exists is an error unless --replace; --replace takes a backfill's stored month ends again too.`,
    zh: `快照为每位客户保存截至 --as-of（与各处一样不含当天：之前各天的购买计入）时各报表的结论：'orderlens rfm --as-of D' 的 RFM 值、得分和分群，'orderlens churn --as-of D' 的流失状态（还没有客户买过两次时不存），以及 'orderlens ltv --as-of D' 给出时的 P(alive) 和 CLV（模型收敛时；复购客户不足 {minRepeat} 位时附上 ltv 的不确定警告；--model none：不用模型）。
所用的设置一起保存；'orderlens snapshots' 列出它们。

--every month --since D [--until D]：从 --since 到 --until（默认：最后下单日）每个月末 E 拍一个快照，截至 E 的次日（下月 1 日），以这个截至日命名。历史由订单算出，所以新店一次就能补齐过去各月；再次运行只补拍还没保存的月末（并列出保留不动的）。单个快照的名称已存在时报错，除非加 --replace；--replace 也会重新拍摄补拍范围内已保存的月末。`,
  },
  'help.after.snapshots': {
    en: `Columns: label, as_of, customers, currency, scheme, bins, churn_threshold_days, model (the model whose P(alive) and CLV are stored, empty for none), created_at.`,
    zh: `列：label、as_of、customers、currency、scheme、bins、churn_threshold_days、model（保存了哪个模型的 P(alive) 和 CLV，没有则为空）、created_at。`,
  },
  'help.after.trend': {
    en: `One row per snapshot, in as-of order (take them with 'orderlens snapshot', backfill with --every month):
  customers       customers with a counted purchase before the as-of day
  new_customers   customers not in the snapshot before (all of them in the first)
  repeat_rate     customers with 2 or more orders / customers
  active_share, at_risk_share, churned_share
                  shares of the churn statuses (the rule of 'orderlens churn' as of that day)
  churn_rate      of the customers not churned in the snapshot before, the share churned now
  avg_p_alive, avg_clv
                  means over the customers the model gave a value (empty without a model)
--by segment: customers and their share per segment per snapshot (a long table for charts and pivots).`,
    zh: `每个快照一行，按截至日排序（用 'orderlens snapshot' 拍快照，用 --every month 补拍）：
  customers       截至日之前有有效购买的客户数
  new_customers   上一个快照里没有的客户（第一个快照里是全部客户）
  repeat_rate     复购率：下过 2 单及以上的客户 / 客户数
  active_share、at_risk_share、churned_share
                  活跃、流失预警、已流失的占比（当天按 'orderlens churn' 的规则）
  churn_rate      流失率：上一个快照里尚未流失的客户中，现在已流失的比例
  avg_p_alive、avg_clv
                  模型给出了值的客户的平均数（没有模型时为空）
--by segment：每个快照每个分群的客户数和占比（长表，方便画图和做透视表）。`,
  },
  'help.after.migration': {
    en: `Rows are the segments of the --from snapshot, columns those of the --to snapshot; a cell counts the customers who were in the row's segment and are in the column's (--measure revenue: the net revenue they brought in between the two as-of days, i.e. monetary in --to minus monetary in --from). Customers only in --to form the row '(new customers)'; customers only in --from the column '(left the base)' (their orders were cancelled or refunded since). So each row sums to the --from segment's size (the new row: to the new customers), each column to the --to segment's size, and the totals to the two snapshots' customers. Segments that nobody is in or moves to are left out. Without --from/--to: the two latest snapshots.

--by customer lists who moved, with --from-segment and/or --to-segment ('new customers' and 'left' name the extra row and column; 'New' is the segment): e.g. the Champions who became At risk, a campaign list for --out FILE.csv.`,
    zh: `行是 --from 快照的分群，列是 --to 快照的分群；格子里是原来在该行分群、现在在该列分群的客户数（--measure revenue：他们在两个截至日之间带来的净收入，即 --to 的 monetary 减 --from 的）。
只在 --to 里的客户组成“(new customers)”行；只在 --from 里的客户组成“(left the base)”列（他们的订单后来被取消或退款了）。所以每行之和是 --from 分群的人数（新客户行：新客户数），每列之和是 --to 分群的人数，总计是两个快照的客户数。没人在、也没人流入的分群不列出。
不给 --from/--to 时：最近的两个快照。

--by customer 列出换了分群的客户，配合 --from-segment 和/或 --to-segment（'new customers' 和 'left' 指额外的行和列；'New' 是分群“新客户”）：例如从冠军客户变成久未回购老客户的人，用 --out 文件.csv 就是一份营销名单。`,
  },
  'help.after.doctor': {
    en: `Run it after changing the database by hand (UPDATE/DELETE in sqlite3), or when an error suggests it.
Exit 0 when every check passes, 1 otherwise.`,
    zh: `手工改过数据库（在 sqlite3 里 UPDATE/DELETE）之后，或错误信息建议时运行。
全部检查通过时退出码为 0，否则为 1。`,
  },
  'help.after.sql': {
    en: `Views (money in integer minor units of the row's currency, e.g. cents; days as YYYY-MM-DD in the store's zone):
  orders     id, platform, shop, order_id, customer_key, customer_id, ordered_at, order_day, status, status_raw, counted (1 when the order counts as a purchase: paid, shipped, completed, partially_refunded), currency, gross, discount, shipping, refunded, net, item_count
  customers  id, customer_key, customer, platform, shop, kind, contact (only with import --keep-pii), orders, revenue (counted net), currency, first_order, last_order
  purchases  one row per counted order with a buyer: id, platform, shop, order_id, customer_key, customer_id, ordered_at, order_day, status, currency, gross, net, item_count
  items      order_ref (→ orders.id), platform, shop, order_id, customer_key, order_day, counted, currency, line, sku, title, quantity, unit_price, line_total
The database is opened read-only: one statement, and it must return rows (SELECT, WITH … SELECT).`,
    zh: `视图（金额是该行币种的最小单位整数，如“分”；日期是店铺时区的 YYYY-MM-DD）：
  orders     id、platform、shop、order_id、customer_key、customer_id、ordered_at、order_day、status、status_raw、counted（订单算一次购买时为 1：已付款、已发货、已完成、部分退款）、currency、gross、discount、shipping、refunded、net、item_count
  customers  id、customer_key、customer、platform、shop、kind、contact（仅 import --keep-pii 时有）、orders、revenue（有效订单净收入）、currency、first_order、last_order
  purchases  每笔有买家的有效订单一行：id、platform、shop、order_id、customer_key、customer_id、ordered_at、order_day、status、currency、gross、net、item_count
  items      order_ref（→ orders.id）、platform、shop、order_id、customer_key、order_day、counted、currency、line、sku、title、quantity、unit_price、line_total
数据库以只读方式打开：只能一条语句，而且必须返回行（SELECT、WITH … SELECT）。`,
  },
  'help.after.selftest': {
    en: `Data: the CDNOW sample bundled in fixtures/ (2,357 customers), calibration up to 1997-09-30, time in weeks.
Tolerance: half a unit in the last published digit (wider where the published sources disagree); standard errors 1%.
Exit 0 when every check passes, 1 otherwise.`,
    zh: `数据：fixtures/ 里自带的 CDNOW 样本（2,357 位客户），校准期到 1997-09-30，时间以周为单位。
容差：已发表结果最后一位的半个单位（发表来源之间有出入时放宽）；标准误 1%。
全部检查通过时退出码为 0，否则为 1。`,
  },
  'help.after.campaign': {
    en: 'The loop: segment → split → send (to the treatment rows only) → import → report.',
    zh: '流程：分群 → 抽对照组（split）→ 发送（只发给实验组）→ 导入名单（import）→ 看效果（report）。',
  },
  'help.after.campaign.split': {
    en: `The segment's customers (as 'orderlens rfm --segment NAME --as-of D' lists them) are sorted by platform, shop and customer key, shuffled by a Fisher–Yates shuffle from the seeded generator mulberry32(--seed), and the first round(n × holdout) become control. Columns: customer_key, customer, platform, shop, contact (where the database keeps personal data), segment, group. Send to the treatment rows only, then import this file with 'orderlens campaign import FILE --name NAME --sent DATE'.`,
    zh: `分群里的客户（即 'orderlens rfm --segment 名称 --as-of D' 列出的那些）按平台、店铺和客户键排序，用固定种子的生成器 mulberry32(--seed) 做 Fisher–Yates 洗牌，前 round(n × holdout) 位作对照组（control）。列：customer_key、customer、platform、shop、contact（数据库保存了个人信息时）、segment、group。只发给实验组（treatment）的行，然后用 'orderlens campaign import 文件 --name 名称 --sent 日期' 导入这个文件。`,
  },
  'help.after.campaign.import': {
    en: `Each row names a customer by one of the columns customer_key, order_id, buyer_id (or buyer, customer, customer_id), email, phone — the first non-empty one — matched through the same keyed identity as imports (an email or phone is keyed with this database's secret, so lists with clear contacts match customers stored as hashes). A customer of several shops matches in each, unless the row fills platform and shop columns (as campaign split writes them): then only that shop's customer. An optional column group holds treatment or control (also test/holdout, 实验组/对照组); without it every row is treatment. Unmatched rows are reported by line.`,
    zh: `每行用以下列之一指明客户：customer_key、order_id、buyer_id（或 buyer、customer、customer_id）、email、phone——取第一个非空的——与导入时一样按带密钥的身份匹配（邮箱、手机号用本数据库的密钥计算哈希，所以带明文联系方式的名单也能对上以哈希保存的客户）。在几个店铺都买过的客户在每个店铺都能匹配，除非该行填了 platform 和 shop 两列（campaign split 的输出就有）：那样只匹配那一家店铺的客户。可选的 group 列写 treatment 或 control（也可写 test/holdout、实验组/对照组）；没有这一列时每行都算实验组。匹配不上的行会逐行报告。`,
  },
  'help.after.campaign.report': {
    en: `Window: the days [sent, sent + window) in the store's time zone; a customer converts with at least one counted order in it; revenue is net of refunds; every customer of a group counts in revenue per customer, buyers or not.

With a control group (a group column, e.g. from campaign split): treatment against control. Without one: the targeted customers against the customers who were not targeted and were in the same RFM segments on the send day (default map) — weaker evidence, because who was targeted was chosen, not drawn; the report says so.

Method ({confidence}%): conversion lift = treatment − control conversion, in points, with Newcombe's hybrid score interval (Wilson intervals of each rate combined) and the p-value of the two-proportion z-test (pooled standard error); revenue per customer lift with Welch's t interval and test (Welch–Satterthwaite degrees of freedom; rough below a few hundred customers per group, as revenue is skewed). Relative lift = lift / control. Rows: treatment, control (or comparison), lift; the verdict line is on stderr.`,
    zh: `观察窗口：店铺时区的 [发送日, 发送日 + 窗口) 这些天；客户在窗口内至少有一笔有效订单即算转化；收入扣除退款；计算人均收入时一组的每位客户都算，买没买都算。

有对照组时（group 列，例如来自 campaign split）：实验组对比对照组。没有对照组时：被触达的客户对比发送当天处在相同 RFM 分群（默认分群）但没被触达的客户——证据较弱，因为触达谁是挑出来的而不是随机抽的；报告会说明这一点。

方法（{confidence}%）：转化率提升 = 实验组 − 对照组转化率（百分点），区间用 Newcombe 混合 score 区间（两组 Wilson 区间组合），p 值用两比例 z 检验（合并标准误）；人均收入提升用 Welch t 区间和检验（Welch–Satterthwaite 自由度；收入分布偏斜，每组少于几百人时只是粗略估计）。相对提升 = 提升 / 对照组。行：实验组、对照组（或比较组）、提升；结论在 stderr。`,
  },
} as const;

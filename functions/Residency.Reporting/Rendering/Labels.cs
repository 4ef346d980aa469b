namespace Residency.Reporting.Rendering;

/// <summary>Headings and metric names in Chinese with English beside them.</summary>
internal static class Labels
{
    public static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["art13-1"] = "一、汽车数据安全管理负责人和用户权益事务联系人 1. Persons responsible and contacts (Art. 13(1))",
        ["art13-2"] = "二、处理汽车数据的种类、规模、目的和必要性 2. Categories, scale, purpose and necessity (Art. 13(2))",
        ["art13-3"] = "三、汽车数据安全防护和管理措施 3. Security protection and management measures (Art. 13(3))",
        ["art13-4"] = "四、向境内第三方提供汽车数据情况 4. Data provided to third parties in China (Art. 13(4))",
        ["art13-5"] = "五、汽车数据安全事件和处置情况 5. Data security incidents and their handling (Art. 13(5))",
        ["art13-6"] = "六、汽车数据相关的用户投诉和处理情况 6. User complaints and their handling (Art. 13(6))",
        ["art13-7"] = "七、其他汽车数据安全情况 7. Other matters (Art. 13(7))",
        ["rights"] = "个人信息主体权利请求 Subject access and deletion requests (PIPL Arts. 45, 47; Provisions Art. 9)",
        ["art14"] = "数据出境情况 Data provided abroad (Art. 14; CAC Order No. 16)",
        ["art33"] = "年度数据安全风险评估 Annual risk assessment (Network Data Regulations Art. 33)",
    };

    public static readonly IReadOnlyDictionary<string, string> Metrics = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["events"] = "上传事件 Events received",
        ["stored-events"] = "已存储事件 Events stored",
        ["lines"] = "按级别存储的记录行 Stored lines by level",
        ["bytes"] = "按级别存储的字节（gzip） Stored bytes by level (gzip)",
        ["vehicles"] = "按级别的车辆数（估计） Distinct vehicles by level (estimate)",
        ["vehicles-by-category"] = "按类别的车辆数（估计） Distinct vehicles by category (estimate)",
        ["persons"] = "按标识类型的个人数（估计） Distinct persons by identifier kind (estimate)",
        ["fields"] = "按类别的字段数 Fields by category",
        ["sensitive-area-hits"] = "敏感区域位置 Positions in sensitive areas",
        ["exterior-frames"] = "车外图像帧 Exterior camera frames",
        ["quarantined"] = "隔离事件（按原因） Quarantined events by reason",
        ["verification-problems"] = "核验发现的问题（按类型） Verification problems by kind",
        ["verification-runs"] = "核验运行次数 Verification runs",
        ["missing-day-summaries"] = "缺失的每日汇总（分区·日） Partition-days without a summary",
        ["day-summaries"] = "读取的每日汇总 Day summaries read",
        ["policies"] = "生效的分类策略 Classification policies in force",
        ["days-verified-full"] = "全量核验的天数 Days verified in full",
        ["days-verified-sample"] = "抽样核验的天数 Days verified by sample",
        ["days-not-verified"] = "未核验的天数 Days not verified",
        ["access-requests"] = "查阅请求 Access requests completed",
        ["access-working-days-median"] = "查阅响应中位数（工作日） Access response, median (working days)",
        ["access-working-days-max"] = "查阅响应最长（工作日） Access response, maximum (working days)",
        ["deletion-requests"] = "删除请求 Deletion requests completed",
        ["deletion-working-days-median"] = "删除响应中位数（工作日） Deletion response, median (working days)",
        ["deletion-working-days-max"] = "删除响应最长（工作日） Deletion response, maximum (working days)",
        ["deletions-late"] = "超过10个工作日的删除 Deletions over 10 working days",
        ["persons-personal"] = "个人信息涉及人数（低/高估计） Persons with personal information (low / high estimate)",
        ["persons-sensitive"] = "敏感个人信息涉及人数（低/高估计） Persons with sensitive personal information (low / high estimate)",
    };

    public static string Metric(string metric) => Metrics.TryGetValue(metric, out var label) ? label : metric;
}

package dev.leadpact.reporting;

/** Example answers for the OpenAPI document, taken from the component test's scenario. */
public final class ApiExamples {
    private ApiExamples() {}

    public static final String ATTRIBUTION_JSON = """
            {"model":"w-shaped","groupBy":"channel","period":"month","from":"2026-11-01","to":"2026-11-30","zone":"UTC",
             "rows":[{"periodStart":"2026-11-01","currency":"EUR","groupValue":"paid-search","revenue":1000.00,"deals":1,
                      "weightedDeals":0.3333,"creditShare":0.2500}]}""";
    public static final String ATTRIBUTION_CSV = """
            period_start,currency,group_value,revenue,deals,weighted_deals,credit_share
            2026-11-01,EUR,paid-search,1000.00,1,0.3333,0.2500
            """;

    public static final String FUNNEL_JSON = """
            {"period":"month","from":"2026-11-01","to":"2026-11-30","zone":"UTC","currency":null,
             "rows":[{"periodStart":"2026-11-01","leads":5,"mqls":5,"sqls":4,"contacted":3,"connected":2,"meetings":1,"won":2,"lost":1,"mqlRate":1.0000,
             "sqlRate":0.8000,"contactedRate":0.7500,"connectedRate":0.6667,"meetingRate":0.5000,"winRate":0.6667,
             "leadToCustomerRate":0.4000,"wonRevenue":4000.00,"averageDealSize":2000.00,"marketingSourcedRevenueShare":1.0000}]}""";
    public static final String FUNNEL_CSV = """
            period_start,leads,mqls,sqls,contacted,connected,meetings,won,lost,mql_rate,sql_rate,contacted_rate,\
            connected_rate,meeting_rate,win_rate,lead_to_customer_rate,won_revenue,average_deal_size,\
            marketing_sourced_revenue_share
            2026-11-01,5,5,4,3,2,1,2,1,1.0000,0.8000,0.7500,0.6667,0.5000,0.6667,0.4000,4000.00,2000.00,1.0000
            """;

    public static final String SPEED_JSON = """
            {"stage":"SQL","groupBy":"owner","from":"2026-11-01","to":"2026-11-30","zone":"UTC","rows":[
             {"groupValue":"rep-jane","leads":2,"contacted":2,"medianSeconds":2100,"p90Seconds":2400,"deadlineSeconds":3600,
              "withinDeadline":2,"withinDeadlineShare":1.0000,"medianBusinessSeconds":2100,"p90BusinessSeconds":2400,
              "withinDeadlineBusiness":2,"withinDeadlineBusinessShare":1.0000}]}""";
    public static final String SPEED_CSV = """
            group_value,leads,contacted,median_seconds,p90_seconds,deadline_seconds,within_deadline,within_deadline_share,\
            median_business_seconds,p90_business_seconds,within_deadline_business,within_deadline_business_share
            rep-jane,2,2,2100,2400,3600,2,1.0000,2100,2400,2,1.0000
            rep-lee,1,0,,,3600,0,0.0000,,,0,0.0000
            rep-omar,1,1,7200,7200,3600,0,0.0000,3600,3600,1,1.0000
            """;
    public static final String SPEED_DISTRIBUTION_JSON = """
            {"stage":"SQL","from":"2026-11-01","to":"2026-11-30","zone":"UTC","deadlineSeconds":3600,"leads":4,
             "contacted":3,"medianSeconds":2400,"p90Seconds":7200,"withinDeadline":2,"clock":"wall",
             "medianBusinessSeconds":2400,"p90BusinessSeconds":3600,"withinDeadlineBusiness":3,"rows":[
             {"bucket":"15 min to 30 min","minSeconds":901,"maxSeconds":1800,"leads":1,"share":0.2500,"withinDeadline":true},
             {"bucket":"1 h to 4 h","minSeconds":3601,"maxSeconds":14400,"leads":1,"share":0.2500,"withinDeadline":false},
             {"bucket":"not contacted","minSeconds":null,"maxSeconds":null,"leads":1,"share":0.2500,"withinDeadline":false}]}""";
    public static final String SPEED_DISTRIBUTION_CSV = """
            bucket,min_seconds,max_seconds,leads,share,within_deadline
            up to 5 min,0,300,0,0.0000,true
            5 min to 15 min,301,900,0,0.0000,true
            15 min to 30 min,901,1800,1,0.2500,true
            30 min to 1 h,1801,3600,1,0.2500,true
            1 h to 4 h,3601,14400,1,0.2500,false
            4 h to 1 d,14401,86400,0,0.0000,false
            over 1 d,86401,,0,0.0000,false
            not contacted,,,1,0.2500,false
            """;

    public static final String BREACHES_JSON = """
            {"groupBy":"rule","rule":null,"from":"2026-11-01","to":"2026-11-30","zone":"UTC","rows":[
             {"groupValue":"FIRST_CONTACT_OVERDUE","breaches":2,"retracted":1,"standing":1,"escalated":1}]}""";
    public static final String BREACHES_CSV = """
            group_value,breaches,retracted,standing,escalated
            FIRST_CONTACT_OVERDUE,2,1,1,1
            """;

    public static final String COMPLIANCE_JSON = """
            {"period":"month","from":"2026-11-01","to":"2026-11-30","zone":"UTC","rows":[{"periodStart":"2026-11-01",
             "sqls":4,"sqlsContactedInTime":2,"contactedInTimeShare":0.5000,"givenUp":1,"givenUpWithMinimumAttempts":0,
             "minimumAttemptsShare":0.0000,"standingBreaches":3,"qualifiedLeads":5,"volumeShortfalls":1}]}""";
    public static final String COMPLIANCE_CSV = """
            period_start,sqls,sqls_contacted_in_time,contacted_in_time_share,given_up,given_up_with_minimum_attempts,\
            minimum_attempts_share,standing_breaches,qualified_leads,volume_shortfalls
            2026-11-01,4,2,0.5000,1,0,0.0000,3,5,1
            """;

    public static final String EVALUATION_JSON = """
            {"period":"month","from":"2026-11-01","to":"2026-11-30","zone":"UTC","model":"linear","currency":null,
             "rows":[{"periodStart":"2026-11-01","side":"marketing","metric":"qualified_leads_delivered","scope":"all",
             "currency":null,"value":3,"target":300,"met":false,"direction":"at-least","unit":"count",
             "label":"Qualified leads delivered"},{"periodStart":"2026-11-01","side":"sales",
             "metric":"median_response_seconds","scope":"all","currency":null,"value":2400,"target":3600,"met":true,
             "direction":"at-most","unit":"seconds","label":"Median response"}]}""";
    public static final String EVALUATION_CSV = """
            period_start,side,metric,scope,currency,value,target,met,direction,unit,label
            2026-11-01,marketing,qualified_leads_delivered,all,,3,300,false,at-least,count,Qualified leads delivered
            2026-11-01,sales,median_response_seconds,all,,2400,3600,true,at-most,seconds,Median response
            2026-11-01,closed-loop,revenue_by_channel,channel:partner,EUR,1000.00,,,,amount,Revenue by channel
            """;

    public static final String JOURNEY_JSON = """
            {"leadId":"lead-scn-3","currentStage":"SQL","owner":"rep-jane","steps":[{"occurredAt":"2026-11-10T14:00:00Z",
             "type":"TOUCHPOINT","eventId":"scn-c-3","stage":"SQL","channel":"referral","offer":"demo-request",
             "campaign":null,"source":null,"actor":null,"outcome":null,"reference":null,"amount":null,"currency":null,
             "dueAt":null}]}""";
    public static final String JOURNEY_CSV = """
            occurred_at,type,event_id,stage,channel,offer,campaign,source,actor,outcome,reference,amount,currency,due_at
            2026-11-10T14:00:00Z,TOUCHPOINT,scn-c-3,SQL,referral,demo-request,,,,,,,,
            2026-11-10T14:40:00Z,CONTACT_ATTEMPT,scn-a-3b,,PHONE,,,,rep-jane,NO_ANSWER,,,,
            """;

    public static final String DEALS_JSON = """
            {"items":[{"dealId":"deal-scn-1","leadId":"lead-scn-1","outcome":"WON","amount":3000.00,"currency":"EUR",
             "closedAt":"2026-11-20T12:00:00Z","ownerId":"rep-jane"}],
             "nextCursor":"MjAyNi0xMS0yMFQxMjowMDowMFp8ZGVhbC1zY24tMQ"}""";
    public static final String DEALS_CSV = """
            deal_id,lead_id,outcome,amount,currency,closed_at,owner_id
            deal-scn-1,lead-scn-1,WON,3000.00,EUR,2026-11-20T12:00:00Z,rep-jane
            """;

    public static final String PROBLEM = """
            {"type":"https://leadpact.dev/problems/invalid-filter","title":"Invalid filter","status":400,
             "detail":"period must be week or month","parameter":"period"}""";

    public static final String TOUCHPOINTS_JSON = """
            {"items":[{"eventId":"scn-c-1a","leadId":"lead-scn-1","occurredAt":"2026-11-02T09:00:00Z","stage":"IQL",
             "segment":"MID","journeyPhase":"AWARENESS","offer":"ebook","formId":"ebook","channel":"organic-search",
             "utmSource":"google","utmMedium":"organic","utmCampaign":null,"utmTerm":null,"utmContent":null,
             "landingPage":"https://www.example.com/ebook","referrer":null,"company":"Example lead-scn-1",
             "employees":240,"country":"DE"}],"nextCursor":"MjAyNi0xMS0wMlQwOTowMDowMFp8c2NuLWMtMWE"}""";
    public static final String TOUCHPOINTS_CSV = """
            event_id,lead_id,occurred_at,stage,segment,journey_phase,offer,form_id,channel,utm_source,utm_medium,\
            utm_campaign,utm_term,utm_content,landing_page,referrer,company,employees,country
            scn-c-1a,lead-scn-1,2026-11-02T09:00:00Z,IQL,MID,AWARENESS,ebook,ebook,organic-search,google,organic,,,,\
            https://www.example.com/ebook,,Example lead-scn-1,240,DE
            """;

    public static final String CREDITS_JSON = """
            {"items":[{"dealId":"deal-scn-1","leadId":"lead-scn-1","closedAt":"2026-11-20T12:00:00Z","currency":"EUR",
             "dealAmount":3000.00,"model":"u-shaped","touchEventId":"scn-c-1a","touchOccurredAt":"2026-11-02T09:00:00Z",
             "channel":"organic-search","campaign":null,"offer":"ebook","source":"google","medium":"organic",
             "content":null,"landingPage":"https://www.example.com/ebook","weight":0.400000,"credit":1200.00}],
             "nextCursor":"MjAyNi0xMS0yMFQxMjowMDowMFp8ZGVhbC1zY24tMQ"}""";
    public static final String CREDITS_CSV = """
            deal_id,lead_id,closed_at,currency,deal_amount,model,touch_event_id,touch_occurred_at,channel,campaign,\
            offer,source,medium,content,landing_page,weight,credit
            deal-scn-1,lead-scn-1,2026-11-20T12:00:00Z,EUR,3000.00,u-shaped,scn-c-1a,2026-11-02T09:00:00Z,\
            organic-search,,ebook,google,organic,,https://www.example.com/ebook,0.400000,1200.00
            """;
}

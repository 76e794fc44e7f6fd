//! MyJVN: overview paging by startItem, detail batches joined with '+', MyJVN errors.

use mamori_sync::{CollectSink, FeedSource, SyncError, SyncState, Syncer};
use time::macros::{date, datetime};

use crate::support::{Reply, Req, Server, bounded, config};

const IDS: [&str; 3] = [
    "JVNDB-2025-000001",
    "JVNDB-2025-000002",
    "JVNDB-2025-000003",
];

fn status(method: &str, total: usize, ret: usize, first: usize) -> String {
    format!(
        r#"<status:Status version="3.3" method="{method}" lang="ja" retCd="0" retMax="50" errCd="" errMsg="" totalRes="{total}" totalResRet="{ret}" firstRes="{first}" feed="hnd"/>"#
    )
}

fn overview(ids: &[&str], total: usize, first: usize) -> String {
    let items: String = ids
        .iter()
        .map(|id| format!(r#"<item rdf:about="https://jvndb.jvn.jp/ja/contents/2025/{id}.html"><title>t</title><sec:identifier>{id}</sec:identifier></item>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/" xmlns:status="http://jvndb.jvn.jp/myjvn/Status" xml:lang="ja">
<channel rdf:about="https://jvndb.jvn.jp/apis/myjvn"><title>JVNDB</title></channel>
{items}
{}
</rdf:RDF>"#,
        status("getVulnOverviewList", total, ids.len(), first)
    )
}

fn detail(ids: &[&str]) -> String {
    let infos: String = ids
        .iter()
        .map(|id| format!("<Vulinfo><VulinfoID>{id}</VulinfoID></Vulinfo>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<VULDEF-Document version="3.2" xmlns="http://jvn.jp/vuldef/" xmlns:status="http://jvndb.jvn.jp/myjvn/Status">{infos}{}</VULDEF-Document>"#,
        status("getVulnDetailInfo", ids.len(), ids.len(), 1)
    )
}

fn myjvn(req: &Req) -> Reply {
    match req.q("method") {
        "getVulnOverviewList" => {
            let dated = req.q("datePublishedStartY") == "2025"
                && req.q("datePublishedStartM") == "05"
                && req.q("datePublishedStartD") == "01"
                && req.q("rangeDatePublished") == "n"
                && req.q("maxCountItem") == "2"
                && req.q("feed") == "hnd";
            match (dated, req.q("startItem")) {
                (true, "1") => Reply::ok(overview(&IDS[..2], 3, 1)),
                (true, "3") => Reply::ok(overview(&IDS[2..], 3, 3)),
                _ => Reply::status(400),
            }
        }
        "getVulnDetailInfo" => {
            // MyJVN wants a literal '+' between ids, not an escaped one.
            if req
                .raw_query
                .contains("vulnId=JVNDB-2025-000001+JVNDB-2025-000002&")
            {
                Reply::ok(detail(&IDS[..2]))
            } else if req.raw_query.contains("vulnId=JVNDB-2025-000003&") {
                Reply::ok(detail(&IDS[2..]))
            } else {
                Reply::status(400)
            }
        }
        _ => Reply::status(400),
    }
}

fn syncer(server: &Server) -> Syncer {
    let mut c = config(server);
    c.jvn.languages = vec!["ja".into()];
    c.jvn.page_size = 2;
    c.jvn.detail_batch = 2;
    c.jvn.initial_days = 31;
    // 2025-06-01 00:30 JST is still 2025-05-31 in UTC: the date must be Japan's.
    Syncer::new(c)
        .unwrap()
        .with_clock(|| datetime!(2025-05-31 15:30:00 UTC))
}

#[tokio::test]
async fn two_overview_pages_then_details() {
    bounded(async {
        let server = Server::start(|req, _| myjvn(req)).await;
        let mut state = SyncState::default();
        let mut sink = CollectSink::default();
        let report = syncer(&server)
            .sync(FeedSource::Jvn, &mut state, &mut sink)
            .await
            .unwrap();
        let methods: Vec<String> = server
            .requests()
            .iter()
            .map(|r| format!("{} {}", r.q("method"), r.q("startItem")))
            .collect();
        assert_eq!(
            methods,
            [
                "getVulnOverviewList 1",
                "getVulnOverviewList 3",
                "getVulnDetailInfo 1",
                "getVulnDetailInfo 1"
            ]
        );
        assert_eq!(report.files, 2);
        let names: Vec<&str> = sink.files.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "jvndb-detail-ja-JVNDB-2025-000001.xml",
                "jvndb-detail-ja-JVNDB-2025-000003.xml"
            ]
        );
        assert!(sink.files.iter().all(|(s, _, _)| *s == FeedSource::Jvn));
        assert_eq!(state.jvn_last_date("ja"), Some(date!(2025 - 06 - 01)));
    })
    .await;
}

/// A MyJVN error, a bad detail batch or a count mismatch: nothing handed over.
#[tokio::test]
async fn failures() {
    type Case = (&'static str, fn(&Req) -> Reply, &'static str);
    let cases: &[Case] = &[
        (
            "myjvn error status",
            |_| {
                Reply::ok(
                    r#"<?xml version="1.0"?><Result xmlns:status="http://jvndb.jvn.jp/myjvn/Status"><status:Status retCd="1" errCd="100" errMsg="bad parameter" totalRes="0" totalResRet="0" firstRes="0"/></Result>"#,
                )
            },
            "myjvn error 100: bad parameter",
        ),
        (
            "second detail batch fails",
            |req| {
                if req.raw_query.contains("JVNDB-2025-000003") {
                    Reply::status(500)
                } else {
                    myjvn(req)
                }
            },
            "http 500",
        ),
        (
            "page lists fewer ids than totalResRet",
            |req| {
                if req.q("startItem") == "3" && req.q("method") == "getVulnOverviewList" {
                    Reply::ok(
                        overview(&IDS[2..], 3, 3).replace("totalResRet=\"1\"", "totalResRet=\"2\""),
                    )
                } else {
                    myjvn(req)
                }
            },
            "totalResRet is 2 but the page lists 1 ids",
        ),
        ("not xml", |_| Reply::ok("<html"), "malformed xml"),
    ];
    for &(label, reply, message) in cases {
        bounded(async {
            let server = Server::start(move |req, _| reply(req)).await;
            let mut state = SyncState::default();
            let mut sink = CollectSink::default();
            let err: SyncError = syncer(&server)
                .sync(FeedSource::Jvn, &mut state, &mut sink)
                .await
                .unwrap_err();
            assert!(err.to_string().contains(message), "{label}: {err}");
            assert!(sink.files.is_empty(), "{label}");
            assert_eq!(state, SyncState::default(), "{label}");
        })
        .await;
    }
}

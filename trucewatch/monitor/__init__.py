"""Live monitoring: `trucewatch watch` (or `serve --watch`) polls feeds, ingests, re-checks and
announces each new or changed violation once, on the dashboard and to a webhook.

    from trucewatch.monitor.watch import WatchConfig, Watcher
    Watcher(store, WatchConfig(feeds=Path("feeds.txt"), truce=Path("truce.yaml"), every=900)).run()
"""

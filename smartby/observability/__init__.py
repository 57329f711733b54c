"""Observability: /healthz, Prometheus metrics at /metrics, request ids and JSON logs."""

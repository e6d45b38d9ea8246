"""Metric helpers (renamed from metrics_utils.py)."""
from sklearn import metrics


def summary(labels, scores):
    precision, recall, _ = metrics.precision_recall_curve(labels, scores)
    return {
        "avg_prec": metrics.average_precision_score(labels, scores),
        "roc_auc": metrics.roc_auc_score(labels, scores),
    }, [{"precision": float(p), "recall": float(r)} for p, r in zip(precision, recall)]

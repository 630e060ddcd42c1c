"""``dateline route``: train the router from an archive, retrain it, or evaluate it offline.

    dateline route train FILE.jsonl [--replace] [--text-fields …] [--label-field section]
    dateline route retrain
    dateline route evaluate --train A.jsonl [--test B.jsonl | --holdout N] [--sizes 500,2000]
                            [--text-fields …] [--label-field …] [--seed S] [--no-baseline] [--json]
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.desk import services
from dateline.desk.routing import evaluate as routing_eval

TRAIN_FIELDS = "headline,body,description,short_description,summary"


def _fields(value: str) -> tuple[str, ...]:
    fields = tuple(f.strip() for f in value.split(",") if f.strip())
    if not fields:
        raise CommandError("--text-fields needs at least one field name")
    return fields


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise CommandError(f"--sizes must be comma-separated integers, not {value!r}")
    if any(s <= 0 for s in sizes):
        raise CommandError("--sizes must be positive")
    return sizes


class Command(BaseCommand):
    help = "Train, retrain or evaluate the routing model (TF-IDF + LinearSVC)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="Import a labelled archive (JSON Lines) and retrain the router.")
        train.add_argument("file", type=Path)
        train.add_argument("--replace", action="store_true", help="replace the previously imported archive")
        train.add_argument("--text-fields", default=TRAIN_FIELDS)
        train.add_argument("--label-field", default="section",
                           help="field naming the section: site/section, or a unique section slug or title")
        sub.add_parser("retrain", help="Retrain now from the archive and every editor decision.")
        ev = sub.add_parser("evaluate", help="Train on A, test on B; print accuracy, macro-F1, per-label P/R.")
        ev.add_argument("--train", type=Path, required=True, dest="train_file")
        ev.add_argument("--test", type=Path, dest="test_file", help="default: a fixed holdout from --train")
        ev.add_argument("--holdout", type=int, default=2000, help="test records held out when --test is absent")
        ev.add_argument("--seed", type=int, default=42, help="shuffle seed of the fixed split")
        ev.add_argument("--sizes", default="", help="train on the first N records for each N, e.g. 500,2000,8000")
        ev.add_argument("--text-fields", default=TRAIN_FIELDS)
        ev.add_argument("--label-field", default="section")
        ev.add_argument("--label-map", type=Path,
                        help='JSON object label → label applied to both sets; "*" maps every other label')
        ev.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF + LinearSVC baseline")
        ev.add_argument("--per-label", action="store_true", help="print per-label precision/recall")
        ev.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, action: str, **options) -> None:
        if action == "train":
            self._train(options)
        elif action == "retrain":
            meta = services.router_retrain_due_now()
            self.stdout.write(self._meta_line(meta) if meta else "not enough data: need two sections")
        else:
            self._evaluate(options)

    @staticmethod
    def _meta_line(meta: dict) -> str:
        return (f"trained on {meta['records']} records ({meta['examples']} archive, {meta['decisions']} "
                f"editor decisions), {meta['labels']} sections")

    def _read(self, path: Path) -> list[dict]:
        try:
            return routing_eval.load_jsonl(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"cannot read {path}: {exc}")

    def _train(self, options: dict) -> None:
        records = self._read(options["file"])
        result = services.routing_examples_import(records=records, text_fields=_fields(options["text_fields"]),
                                                  label_field=options["label_field"], replace=options["replace"])
        self.stdout.write(f"imported {result['imported']} records, skipped {result['skipped']}")
        for name, count in sorted(result["unknown_labels"].items(), key=lambda kv: -kv[1])[:20]:
            self.stdout.write(f"  no section for {name!r} ({count} records)")
        meta = services.router_retrain_due_now()
        self.stdout.write(self._meta_line(meta) if meta else "not enough data to train: need two sections")

    @staticmethod
    def _label_map(path: Path) -> dict[str, str]:
        try:
            mapping = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read --label-map {path}: {exc}")
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise CommandError("--label-map must be a JSON object of label → label")
        return mapping

    def _evaluate(self, options: dict) -> None:
        fields, label_field = _fields(options["text_fields"]), options["label_field"]
        records = self._read(options["train_file"])
        if options["test_file"]:
            pool, test = records, self._read(options["test_file"])
        else:
            pool, test = routing_eval.split(records, holdout=options["holdout"], seed=options["seed"])
        test_xy = routing_eval.to_xy(test, text_fields=fields, label_field=label_field)
        pool_xy = routing_eval.to_xy(pool, text_fields=fields, label_field=label_field)
        if options["label_map"]:
            mapping = self._label_map(options["label_map"])
            test_xy = (test_xy[0], routing_eval.relabel(test_xy[1], mapping))
            pool_xy = (pool_xy[0], routing_eval.relabel(pool_xy[1], mapping))
        if not test_xy[0] or len(set(pool_xy[1])) < 2:
            raise CommandError(f"need labelled records ({label_field!r}) of two labels to train and some to test")
        sizes = _sizes(options["sizes"]) if options["sizes"] else [len(pool_xy[0])]
        runs = []
        for size in sizes:
            train_xy = (pool_xy[0][:size], pool_xy[1][:size])
            if len(set(train_xy[1])) < 2:
                raise CommandError(f"the first {size} training records hold fewer than two labels")
            runs.append(routing_eval.evaluate(train_xy, test_xy, baseline=not options["no_baseline"]))
        if options["json"]:
            self.stdout.write(json.dumps({"runs": runs}, indent=2))
            return
        for run in runs:
            self._print_run(run, per_label=options["per_label"])

    def _print_run(self, run: dict, *, per_label: bool) -> None:
        self.stdout.write(f"train {run['train_records']} / test {run['test_records']} records")
        for name in ("dateline", "baseline"):
            if name in run:
                m = run[name]
                self.stdout.write(f"  {name:9} accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  "
                                  f"({m['seconds']:.1f} s)")
        if per_label:
            self.stdout.write(f"  {'label':24} {'P':>6} {'R':>6} {'n':>5}   (dateline; baseline P/R)")
            for lab, m in run["dateline"]["per_label"].items():
                b = run.get("baseline", {}).get("per_label", {}).get(lab)
                extra = f"   {b['precision']:.3f}/{b['recall']:.3f}" if b else ""
                self.stdout.write(f"  {lab[:24]:24} {m['precision']:6.3f} {m['recall']:6.3f} {m['support']:5}{extra}")

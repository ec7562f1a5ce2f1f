"""CSV and XLSX files of the dashboard's figures for one window."""

import csv
import io

BREAKDOWN_HEADER = ["Denials", "Rework", "Dollars", "Staff hours"]


def table_rows(data):
    """Yield (sheet, header, rows) for each table of the dashboard."""
    totals = [
        [t["days"], t["denials"], t["rework"], t["dollars"], t["hours"]]
        for t in data["totals"]
    ]
    yield "Totals", ["Days", *BREAKDOWN_HEADER], totals
    for breakdown in data["breakdowns"].values():
        rows = [
            [r["label"], r["denials"], r["rework"], r["dollars"], r["hours"]]
            for r in breakdown["rows"]
        ]
        yield breakdown["title"], [breakdown["title"], *BREAKDOWN_HEADER], rows
    actions = [
        [
            a["title"],
            a["root_cause"],
            a["started_on"],
            a["before"],
            a["after"],
            a["after_days"],
            a["before_hours"],
            a["after_hours"],
        ]
        for a in data["before_after"]
    ]
    header = [
        "Prevention action",
        "Root cause",
        "Started",
        "Entries before",
        "Entries after",
        "Days after so far",
        "Hours before",
        "Hours after",
    ]
    yield "Before and after", header, actions
    misses = [
        [m["root_cause"], m["trigger"], m["count"], m["previous"], m["hours"]]
        for m in data["repeat_misses"]
    ]
    header = ["Root cause", "Missed trigger", "This week", "Week before", "Hours"]
    yield "Top repeat misses", header, misses


def to_csv(data):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"Learning log, {data['first_day']} to {data['today']}"])
    for title, header, rows in table_rows(data):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(data):
    # Imported on the first export, because openpyxl (with numpy, which it loads when
    # installed) added 26 MB to a process on the bench machine.
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in table_rows(data):
        # Sheet titles may hold at most 31 characters and no brackets.
        sheet = workbook.create_sheet(title.replace("(", "").replace(")", "")[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

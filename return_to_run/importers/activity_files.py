"""Single-activity files: GPX (gpxpy), TCX (tcxreader), FIT (fitdecode). One file, one run.

- Kind: 'walk' when the file says walking or hiking, 'continuous' for running or when it does
  not say; a file that says cycling, swimming and the like is skipped, like rides in a CSV.
- Duration: GPX moving time (gpxpy's estimate; total time if it finds none), TCX first to last
  trackpoint, FIT timer time (`total_timer_time`, pauses excluded; else elapsed time).
- Distance from the file (GPX: the 2-D track length). Effort: FIT only, from the watch's
  post-run rating if present.
- Date and `start_time`: GPX and TCX start times are UTC and are turned into her local time
  in `tz` (None: this computer's zone), so a run just after midnight in UTC+2 is on her day;
  FIT gives the watch's local clock (`activity.local_timestamp`), which is where she ran and
  is used when present (else `tz` as for GPX).
- `title` is the track or activity name; `notes` only a description the file carries.
- A skipped file names its activity type in words ("Cycling"), also when the file gives a
  number (Strava's older GPX codes, an unknown FIT sport).
- `source_id`: the start time (UTC, ISO 8601), so the same activity from a second download,
  gzipped or not, matches; a hash of the bytes when the file has no start time.

The parsing libraries raise many exception types on damaged input; every one of them becomes
an ImportFileError naming the file.
"""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime, timedelta, tzinfo

import fitdecode
import gpxpy
from tcxreader.tcxreader import TCXReader

from .dates import iso_seconds, local_time
from .result import ImportFileError, ImportResult, RowCollector
from .values import join_notes, positive_or_none, seconds_to_min, title_text

SKIP_WORDS = (
    "cycl",
    "bik",
    "ride",
    "swim",
    "ski",
    "row",
    "paddl",
    "kayak",
    "canoe",
    "skat",
    "golf",
    "drive",
    "motor",
    "fly",
)
RUN_FIT_SPORTS = {"running", "generic", "training_run"}
WALK_FIT_SPORTS = {"walking", "hiking"}
# Strava writes its numeric activity codes into older GPX exports: 1 is Ride, 9 is Run.
STRAVA_GPX_CODES = {"1": "cycling", "9": "running"}


def kind_for_sport(sport: str | None) -> str | None:
    """'walk', 'continuous', or None for a sport that is not a run or a walk.

    A number that is not a known Strava code is not taken for a run: what it is is unknown.
    """
    text = (sport or "").strip().casefold()
    text = STRAVA_GPX_CODES.get(text, text)
    if text.isdigit():
        return None
    if "walk" in text or "hik" in text:
        return "walk"
    if any(word in text for word in SKIP_WORDS):
        return None
    return "continuous"


def sport_words(sport: object, *, code_of: str = "Strava") -> str:
    """The activity type as she would name it: 'Cycling' for 'cycling', 'road_cycling' or
    Strava's GPX code 1; a number it does not know is named as a code of `code_of`."""
    text = str(sport if sport is not None else "").strip()
    if code_of == "Strava":
        text = STRAVA_GPX_CODES.get(text, text)
    if text.isdigit():
        return f"An activity type this app does not know ({code_of} code {text})"
    text = text.replace("_", " ")
    return text[:1].upper() + text[1:] if text else "An activity without a type"


def _start_id(start: datetime | None, data: bytes) -> str:
    if start is not None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        return start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "sha256:" + hashlib.sha256(data).hexdigest()[:32]


def _one_run(
    source: str,
    *,
    today: date,
    kind: str | None,
    sport: str | None,
    start: datetime | None,
    run_date: date | None,
    seconds: float | None,
    metres: float | None,
    effort: int | None,
    title: str,
    notes: str,
    data: bytes,
    tz: tzinfo | None,
    local_start: datetime | None = None,
) -> ImportResult:
    """One file's run as an ImportResult. `local_start` is the start on her clock when the
    file knows it (FIT); otherwise the UTC `start` is turned into local time in `tz`."""
    collector = RowCollector(source, today=today, total=1, progress=None)
    collector.tick()
    if local_start is None and start is not None:
        local_start = local_time(start, tz)
    if kind is None:
        collector.skip(None, f"{sport}: not a run or walk")
    elif start is None and run_date is None:
        collector.skip(
            None,
            "the file has no times, so the date and duration of the activity "
            "are unknown (a planned route rather than a recorded activity?)",
        )
    else:
        collector.add(
            None,
            {
                "run_date": run_date or local_start.date(),
                "start_time": iso_seconds(local_start),
                "duration_min": seconds_to_min(seconds) if seconds else None,
                "distance_km": positive_or_none(None if metres is None else round(metres / 1000, 3)),
                "kind": kind,
                "effort_1_10": effort,
                "title": title_text(title),
                "notes": join_notes(notes),
                "source_id": _start_id(start, data),
            },
        )
    return collector.result()


def parse_gpx(data: bytes, *, today: date, filename: str = "activity.gpx", tz: tzinfo | None = None) -> ImportResult:
    """The run recorded in a GPX file. Raises ImportFileError if it is not a GPX track."""
    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
        bounds = gpx.get_time_bounds()
        moving = gpx.get_moving_data()
        metres = gpx.length_2d()
        total = gpx.get_duration()
    except Exception as exc:  # noqa: BLE001 - gpxpy and the XML parser raise many types
        raise ImportFileError(filename, f"this is not a readable GPX file ({_short(exc)}).") from None
    if not gpx.tracks or not any(seg.points for track in gpx.tracks for seg in track.segments):
        raise ImportFileError(
            filename,
            "this GPX file has no recorded track (it may hold only a "
            "planned route or waypoints), so there is no run to import.",
        )
    track = gpx.tracks[0]
    seconds = (moving.moving_time if moving and moving.moving_time else None) or total or None
    return _one_run(
        "gpx",
        today=today,
        kind=kind_for_sport(track.type),
        sport=sport_words(track.type),
        start=bounds.start_time,
        run_date=None,
        seconds=seconds,
        metres=metres,
        effort=None,
        title=track.name or gpx.name or "",
        notes=join_notes(track.description or gpx.description),
        data=data,
        tz=tz,
    )


def parse_tcx(data: bytes, *, today: date, filename: str = "activity.tcx", tz: tzinfo | None = None) -> ImportResult:
    """The run recorded in a TCX file. Raises ImportFileError if it has no activity."""
    try:
        exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    except Exception as exc:  # noqa: BLE001 - tcxreader and ElementTree raise many types
        raise ImportFileError(filename, f"this is not a readable TCX file ({_short(exc)}).") from None
    if exercise.activity_type is None:
        raise ImportFileError(
            filename, "this TCX file holds no recorded activity (it may be a course or a workout plan)."
        )
    return _one_run(
        "tcx",
        today=today,
        kind=kind_for_sport(exercise.activity_type),
        sport=sport_words(exercise.activity_type),
        start=exercise.start_time,
        run_date=None,
        seconds=exercise.duration,
        metres=exercise.distance,
        effort=None,
        title="",
        notes="",
        data=data,
        tz=tz,
    )


# The watch's post-activity "perceived effort": session field 193, `workout_rpe` in the FIT
# profile, "Borg CR10 / 0-10 RPE scale, multiplied 10x". Read by number, so a profile that
# does not name it still works.
FIT_SESSION_RPE_FIELD = 193


def parse_fit(data: bytes, *, today: date, filename: str = "activity.fit", tz: tzinfo | None = None) -> ImportResult:
    """The run recorded in a FIT activity file. Raises ImportFileError if it is damaged or
    holds no session (a course, settings or monitoring file)."""
    sessions: list[dict] = []
    clock: tuple[datetime, datetime] | None = None  # (UTC, local) at the same moment
    try:
        with fitdecode.FitReader(
            io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.RAISE
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "session":
                    values = {f.name: f.value for f in frame.fields}
                    values["rpe_raw"] = next(
                        (f.raw_value for f in frame.fields if f.def_num == FIT_SESSION_RPE_FIELD), None
                    )
                    sessions.append(values)
                elif frame.name == "activity" and clock is None:
                    utc = frame.get_value("timestamp", fallback=None)
                    local = frame.get_value("local_timestamp", fallback=None)
                    if isinstance(utc, datetime) and isinstance(local, datetime):
                        clock = (utc, local)
    except Exception as exc:  # noqa: BLE001 - fitdecode raises many types on damaged input
        raise ImportFileError(filename, f"this is not a readable FIT file ({_short(exc)}).") from None
    if not sessions:
        raise ImportFileError(
            filename,
            "this FIT file holds no activity summary (it may be a "
            "course, settings or health file rather than a recorded activity).",
        )
    session = next((s for s in sessions if _fit_kind(s.get("sport")) is not None), sessions[0])
    sport = session.get("sport")
    start = session.get("start_time")
    start = start if isinstance(start, datetime) else None
    seconds = _positive(session.get("total_timer_time")) or _positive(session.get("total_elapsed_time"))
    local_start = None
    if clock is not None and start is not None:
        # local_timestamp is the watch's local clock when the activity message was written;
        # shifting the UTC start by the same offset gives the local start.
        offset = _naive_utc(clock[1]) - _naive_utc(clock[0])
        if abs(offset) <= timedelta(hours=14):
            local_start = _naive_utc(start) + offset
    label = sport_words(sport, code_of="FIT sport")
    return _one_run(
        "fit",
        today=today,
        kind=_fit_kind(sport),
        sport=label,
        start=start,
        run_date=None,
        seconds=seconds,
        metres=_positive(session.get("total_distance")),
        effort=_fit_effort(session.get("rpe_raw")),
        title="",
        notes="",
        data=data,
        tz=tz,
        local_start=local_start,
    )


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _fit_kind(sport: object) -> str | None:
    """FIT sports: running (and generic, which many apps write for runs) or walking/hiking."""
    if sport is None or sport in RUN_FIT_SPORTS:
        return "continuous"
    if sport in WALK_FIT_SPORTS:
        return "walk"
    return None


def _fit_effort(raw: object) -> int | None:
    if not isinstance(raw, int) or not 10 <= raw <= 100:
        return None
    return round(raw / 10)


def _positive(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and value > 0 else None


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."

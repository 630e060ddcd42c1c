"""Sample wire stories written for the Dateline demo (fiction; not copied from any publication)."""

STORIES: list[dict] = [
    {
        "source": "afp-wire", "guid": "afp-demo-0001", "hours_ago": 5,
        "headline": "Kazakhstan hosts talks on launch safety at Baikonur rocket range",
        "byline": "by AFP Staff Writers",
        "body": [
            "Astana, Kazakhstan (AFP) July 3, 2024 - Officials from Kazakhstan and Russia met on Wednesday to "
            "review safety rules for the Baikonur rocket range after a booster stage fell near a village.",
            "The launch pad operator said the first stage landed inside the planned drop zone.",
        ],
    },
    {
        "source": "afp-wire", "guid": "afp-demo-0002", "hours_ago": 30,
        "headline": "Perseverance rover finds layered rocks in Jezero delta",
        "byline": "by AFP Staff Writers",
        "body": [
            "Paris (AFP) July 1, 2024 - The Mars rover Perseverance has imaged finely layered rocks in the "
            "Jezero crater delta, scientists said.",
            "The martian samples could return to Earth with a future sample return mission.",
        ],
    },
]

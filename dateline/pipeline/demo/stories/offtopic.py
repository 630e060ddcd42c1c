"""Copy the network does not cover: it must route nowhere. Plus a later update and a correction."""

from dateline.pipeline.demo.stories.base import story

STORIES = [
    story("afp-wire", "coffee-frost", 14, "Sao Paulo", "Coffee prices climb after frost hits Brazilian farms",
          "Coffee prices rose to their highest level in two years on Monday after frost damaged farms in the "
          "Brazilian state of Minas Gerais.",
          "Traders said the damage would be clearer after the harvest.",
          "Brazil grows about a third of the world's coffee."),
    story("ians-wire", "cricket-final", 22, "Mumbai", "Mumbai win domestic cricket final by five wickets",
          "Mumbai won the domestic cricket final by five wickets at the Wankhede Stadium on Sunday.",
          "The captain praised the young bowlers who took seven wickets between them.",
          "It is the team's 42nd title."),
    story("upi-wire", "interest-rates", 50, "Washington", "Central bank holds rates steady, signals patience",
          "The Federal Reserve held its benchmark rate steady on Wednesday and said it would wait for more data "
          "before cutting.",
          "Officials said prices were rising more slowly but the job market remained strong.",
          "Markets rose after the announcement.", byline="By Tom Alvarez, UPI"),
    story("afp-wire", "wine-harvest", 400, "Bordeaux, France", "French winemakers start early harvest after hot summer",
          "Winemakers in Bordeaux began picking grapes in mid-August, among the earliest starts on record, after "
          "a hot and dry summer.",
          "Growers said yields would be lower but quality could be good.",
          "The region's wine exports have fallen for three years."),
]

# A later version of an AFP story (same guid): the story shows "Updated" and keeps one page.
UPDATES = [
    story("afp-wire", "ariane-weather", 2, "Kourou, French Guiana",
          "Ariane 6 rocket puts European weather satellite in orbit, first images received",
          "An Ariane 6 rocket lifted off from Europe's spaceport in Kourou, French Guiana on Sunday and placed a "
          "new weather satellite in orbit, Arianespace said.",
          "Liftoff came at 21:05 local time and the upper stage released the satellite about an hour later.",
          "It was the fourth launch of the new European rocket, which is meant to give the continent "
          "independent access to space.",
          "UPDATE: The weather agency said on Monday it had received the satellite's first images, which showed "
          "a storm over the Atlantic.", expect="launchers", version=2),
    # A corrected version of a UPI story: the wire marks it and carries a note for readers.
    story("upi-wire", "msr-review", 1, "Washington", "NASA picks new plan to bring Mars samples home",
          "NASA said Monday it had picked a cheaper plan to bring rock samples collected by the Perseverance "
          "rover back from Mars.",
          "The new sample return plan uses a simpler lander and could return the martian tubes by the late "
          "2030s, officials said.",
          "The agency had paused the programme after costs rose above 11 billion dollars.",
          byline="By Jane Doe, UPI", expect="mars-exploration", version=2,
          correction="Corrects the programme's earlier cost estimate to 11 billion dollars, not 10 billion."),
]

"""Mars exploration (site "marsdaily")."""

from dateline.pipeline.demo.stories.base import story

MA = "mars-exploration"

STORIES = [
    story("nasa-news", "perseverance-delta", 2, "Pasadena CA", "Perseverance rover finds layered rocks at edge of Jezero delta",
          "NASA's Perseverance Mars rover has imaged finely layered rocks at the western edge of the Jezero "
          "crater delta, where a river once flowed into a lake.",
          "Scientists say the layers record changes in the flow of water over thousands of years, and the rover "
          "has drilled a core from the best-preserved layer.",
          "The sample will be sealed and left for a future sample return mission to collect.",
          credit="JPL", expect=MA),
    story("afp-wire", "perseverance-delta", 5, "Paris", "Mars rover Perseverance finds layered rocks in Jezero delta",
          "NASA's Perseverance rover has imaged finely layered rocks at the edge of the Jezero crater delta on "
          "Mars, where a river once flowed into a lake, the US space agency said.",
          "The rover has drilled a core from the best-preserved layer, and the sample will be left for a future "
          "sample return mission to collect.", expect=MA),
    story("esa-news", "mars-express-clouds", 40, "Darmstadt", "Mars Express watches a long cloud over Arsia Mons",
          "ESA's Mars Express orbiter has watched a long cloud stretch for 1,800 kilometres from the Arsia Mons "
          "volcano on Mars.",
          "The cloud forms every martian spring, growing each morning and vanishing by the afternoon.",
          "The mars orbiter has now spent more than twenty years at the red planet.", expect=MA),
    story("upi-wire", "msr-review", 70, "Washington", "NASA picks new plan to bring Mars samples home",
          "NASA said Monday it had picked a cheaper plan to bring rock samples collected by the Perseverance "
          "rover back from Mars.",
          "The new sample return plan uses a simpler lander and could return the martian tubes by the late "
          "2030s, officials said.",
          "The agency had paused the programme after costs rose above 10 billion dollars.",
          byline="By Jane Doe, UPI", expect=MA),
    story("nasa-news", "curiosity-gale", 110, "Pasadena CA", "Curiosity rover climbs to a new layer of Gale Crater",
          "NASA's Curiosity rover has reached a layer of Mount Sharp rich in sulphate minerals, high above the "
          "floor of Gale Crater.",
          "The minerals formed as water dried up on Mars billions of years ago, and the rover will study how "
          "the climate of the red planet changed.",
          "Curiosity has driven more than 32 kilometres since landing.", credit="JPL", expect=MA),
    story("ians-wire", "isro-mars-lander", 160, "Bengaluru", "ISRO studies Mars lander for second red planet mission",
          "ISRO is studying a lander and a small rover for its second mission to Mars, officials said here on "
          "Tuesday.",
          "The Mars Orbiter Mission, launched more than a decade ago, made India the first Asian nation to "
          "reach the red planet.",
          "The new mission would land a martian rover near the equator, an official said.", expect=MA),
    story("afp-wire", "china-mars-sample", 230, "Beijing", "China targets 2030 for Mars sample return mission",
          "China aims to launch a Mars sample return mission around 2028 and bring martian rocks to Earth by "
          "2031, state media said Thursday.",
          "The mission builds on the Zhurong rover, which landed on Mars in 2021.",
          "If it succeeds, China could beat the US to returning samples from the red planet.", expect=MA),
    story("staff-desk", "ingenuity-legacy", 340, "Pasadena CA", "Ingenuity's flights shape next generation of Mars helicopters",
          "Engineers who flew the Ingenuity helicopter on Mars are designing a larger craft that could carry "
          "science instruments across the martian surface.",
          "Ingenuity flew 72 times, far beyond its planned five flights, before a damaged rotor ended its "
          "mission.",
          "A future helicopter could scout routes for a rover or explore cliffs that wheels cannot reach.",
          expect=MA),
    story("esa-news", "exomars-rover", 430, "Turin", "ExoMars rover Rosalind Franklin passes final tests",
          "ESA's ExoMars rover Rosalind Franklin has passed its final tests in Turin ahead of launch to Mars.",
          "The rover carries a drill that can reach two metres below the martian surface, where organic "
          "molecules may be protected from radiation.",
          "It is due to land on the red planet in 2030.", expect=MA),
    story("upi-wire", "mars-dust-storm", 580, "Pasadena, Calif.", "Dust storm dims skies over Perseverance rover",
          "A regional dust storm on Mars has dimmed the skies over NASA's Perseverance rover, scientists said "
          "Friday.",
          "The storm is being watched by a Mars orbiter to see whether it grows to circle the planet.",
          "Perseverance is powered by a nuclear battery and is not at risk.", byline="By Tom Alvarez, UPI",
          expect=MA),
    story("nasa-news", "phobos-images", 720, "Pasadena CA", "Mars orbiter catches Phobos crossing the Sun",
          "A NASA Mars orbiter has captured images of the moon Phobos passing in front of the Sun, an eclipse "
          "seen from above the red planet.",
          "The images help scientists refine the orbit of Phobos, which is slowly spiralling towards Mars.",
          "Phobos will be visited by a Japanese sample return mission.", credit="JPL", expect=MA),
]

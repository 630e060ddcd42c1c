"""Life beyond Earth (site "astrobiology")."""

from dateline.pipeline.demo.stories.base import story

LI = "life-beyond-earth"

STORIES = [
    story("nasa-news", "k2-18b", 10, "Baltimore MD", "Webb finds new hints of biosignature on exoplanet",
          "Astronomers using the James Webb Space Telescope have found new hints of a possible biosignature in "
          "the atmosphere of a habitable zone exoplanet 120 light years away.",
          "The gas, on Earth made only by life, was detected at low confidence and needs confirmation.",
          "Scientists cautioned that chemistry without microbes could also explain the signal.",
          credit="NASA", expect=LI),
    story("staff-desk", "extremophiles-antarctica", 48, "McMurdo Station, Antarctica",
          "Extremophiles in Antarctic lake hint at life on ocean worlds",
          "Microbes living in a salty lake sealed under Antarctic ice for thousands of years could be a model "
          "for life on icy moons, researchers say.",
          "The extremophiles survive without sunlight, feeding on chemicals from the rock below.",
          "The team says similar ocean world habitats might exist on Europa and Enceladus.", expect=LI),
    story("esa-news", "plato-exoplanets", 85, "Noordwijk", "PLATO mission will search for habitable exoplanets",
          "ESA's PLATO mission, which will search for Earth-like exoplanets around Sun-like stars, has "
          "completed assembly of its 26 cameras.",
          "PLATO will look for planets in the habitable zone, where water could be liquid.",
          "Launch is planned for 2026.", expect=LI),
    story("afp-wire", "amino-acids-asteroid", 145, "Tokyo", "Amino acids found in asteroid samples support origins of life theory",
          "Scientists have found more than 20 amino acids in samples from the asteroid Ryugu, supporting the "
          "idea that the building blocks of life were delivered to Earth from space.",
          "The organic molecules were protected inside the grains brought back by Japan's Hayabusa2 probe.",
          "The findings were published in a scientific journal on Thursday.", expect=LI),
    story("upi-wire", "enceladus-phosphorus", 220, "Berlin", "Phosphorus in Enceladus plumes boosts case for habitability",
          "Phosphorus, an element essential for life, has been found in ice grains from plumes on Saturn's "
          "moon Enceladus, researchers said Wednesday.",
          "The finding completes the list of main elements life needs and makes the moon's ocean world more "
          "habitable than thought.",
          "The data came from the Cassini spacecraft.", byline="By Martin Kessler, UPI", expect=LI),
    story("ians-wire", "indian-astrobiology", 310, "Ahmedabad", "PRL scientists study extremophiles from Ladakh for astrobiology",
          "Scientists at the Physical Research Laboratory are studying extremophiles from the cold desert of "
          "Ladakh to understand where life could survive on Mars, officials said.",
          "The microbes live in salty soils with strong ultraviolet light.",
          "The astrobiology work will help plan experiments for future Indian missions.", expect=LI),
    story("nasa-news", "trappist-atmosphere", 420, "Pasadena CA", "Webb checks rocky exoplanet for an atmosphere",
          "Astronomers have used the Webb telescope to check whether a rocky exoplanet in the TRAPPIST-1 system "
          "has an atmosphere, a key step to judge its habitability.",
          "The planet appears to have little or no atmosphere, the team said.",
          "Other planets further from the star remain candidates for habitable conditions.", credit="JPL",
          expect=LI),
    story("afp-wire", "biosignatures-debate", 540, "Paris", "Scientists debate rules for claiming biosignatures",
          "A group of astronomers has proposed a scale for claims of biosignatures on other worlds, to avoid "
          "announcing life too early.",
          "The scale runs from a first hint to a confirmed detection of life and asks for independent checks at "
          "each step.",
          "The authors say the public should know how confident scientists are.", expect=LI),
    story("staff-desk", "organic-molecules-mars-lab", 680, "Washington DC",
          "Lab study shows how organic molecules survive radiation",
          "Organic molecules buried a few centimetres below the surface of an airless world could survive "
          "radiation for millions of years, a laboratory study finds.",
          "The results matter for astrobiology missions that drill for signs of past life.",
          "The team irradiated samples in a particle accelerator to mimic cosmic rays.", expect=LI),
    story("esa-news", "ariel-exoplanet-atmospheres", 770, "Paris", "Ariel mission to survey 1,000 exoplanet atmospheres",
          "ESA's Ariel mission has entered production and will survey the atmospheres of about 1,000 "
          "exoplanets.",
          "The mission will study what exoplanets are made of and how they formed, the agency said.",
          "Ariel is planned to launch in 2029.", expect=LI),
]

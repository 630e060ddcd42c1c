"""Jupiter, Saturn and beyond (site "outerplanets")."""

from dateline.pipeline.demo.stories.base import story

GP = "giant-planets"

STORIES = [
    story("esa-news", "juice-flyby", 9, "Darmstadt", "Juice spacecraft swings past Venus on its way to Jupiter",
          "ESA's Juice spacecraft has flown past Venus, using the planet's gravity to bend its path towards "
          "Jupiter.",
          "Juice will reach the gas giant in 2031 and study its icy moons Ganymede, Callisto and Europa.",
          "Mission controllers in Darmstadt said the flyby went exactly to plan.", expect=GP),
    story("nasa-news", "europa-clipper", 33, "Pasadena CA", "Europa Clipper tests its radar on the way to Jupiter",
          "NASA's Europa Clipper has switched on its radar for the first time in deep space, the mission team "
          "said.",
          "The radar will look beneath the ice shell of Europa, Jupiter's moon that hides an ocean.",
          "The spacecraft arrives at Jupiter in 2030.", credit="JPL", expect=GP),
    story("afp-wire", "saturn-rings", 80, "Paris", "Rings of Saturn will seem to vanish as Earth crosses their plane",
          "Saturn's rings will seem to disappear for several weeks next year as Earth passes through the plane "
          "of the rings, astronomers said on Tuesday.",
          "The rings are only tens of metres thick, so seen edge-on they are almost invisible from Earth.",
          "The event happens about every 15 years.", expect=GP),
    story("upi-wire", "juno-io", 125, "San Antonio", "Juno spacecraft spots lava lake on Jupiter's moon Io",
          "NASA's Juno spacecraft has spotted a lava lake on Io, the most volcanic world in the solar system, "
          "scientists said Wednesday.",
          "The images were taken during a close flyby of Jupiter's moon.",
          "Juno has been orbiting Jupiter since 2016.", byline="By Martin Kessler, UPI", expect=GP),
    story("staff-desk", "titan-dragonfly", 180, "Laurel MD", "Dragonfly rotorcraft for Saturn moon Titan passes design review",
          "NASA's Dragonfly mission, a rotorcraft that will fly across Saturn's moon Titan, has passed its "
          "critical design review.",
          "Titan has a thick atmosphere and lakes of liquid methane, making it the only moon with weather like "
          "Earth's.",
          "Dragonfly is due to launch in 2028 and reach Titan in the mid-2030s.", expect=GP),
    story("nasa-news", "uranus-flagship", 280, "Washington DC", "Scientists set out goals for a mission to Uranus",
          "NASA scientists have published the goals of a proposed flagship mission to Uranus, the ice giant "
          "visited only once, by Voyager 2 in 1986.",
          "The mission would drop a probe into the atmosphere and study the planet's tilted rings and moons.",
          "A launch in the early 2030s would use a gravity assist from Jupiter.", credit="NASA", expect=GP),
    story("esa-news", "jwst-neptune", 400, "Paris", "Webb telescope shows rings of Neptune in new detail",
          "The James Webb Space Telescope has taken the clearest view in decades of Neptune's rings, ESA said.",
          "The image also shows seven of the ice giant's moons, including Triton.",
          "Europe contributed instruments and the launch of the telescope.", expect=GP),
    story("afp-wire", "pluto-glaciers", 500, "Washington", "Nitrogen glaciers on Pluto still flowing, study finds",
          "Glaciers of nitrogen ice on Pluto are still flowing today, according to a new study of images from "
          "the New Horizons probe.",
          "The dwarf planet in the Kuiper belt was once thought to be a frozen, dead world.",
          "New Horizons is now more than 60 times as far from the Sun as Earth.", expect=GP),
    story("ians-wire", "jupiter-telescope", 640, "Pune", "Indian telescope tracks storms on Jupiter",
          "Astronomers at the Giant Metrewave Radio Telescope near Pune have tracked radio bursts from storms on "
          "Jupiter, the institute said on Friday.",
          "The bursts are linked to Jupiter's moon Io and the planet's magnetic field.",
          "The data will be compared with measurements from the Juno spacecraft.", expect=GP),
    story("upi-wire", "kuiper-belt-object", 780, "Boulder, Colo.", "Astronomers find distant Kuiper belt objects for New Horizons",
          "Astronomers using a Japanese telescope have found several Kuiper belt objects that the New Horizons "
          "probe could observe, researchers said Tuesday.",
          "The objects lie beyond Pluto and may be left over from the formation of the planets.",
          "The team hopes one will be close enough for a flyby.", byline="By Priya Raman, UPI", expect=GP),
]
